import { TableClient, type TableServiceClientOptions } from "@azure/data-tables";
import type { TokenCredential } from "@azure/core-auth";
import { createAzureCredential } from "../identity/azure-credential.js";
import type { StoreConnection } from "../../config/sections/store.js";

/** Hands out table clients for one storage account, creating each table once, on first use. */
export interface TableClientFactory {
  /** @throws AppError UPSTREAM (via the caller's mapping) when the table cannot be created. */
  client(tableName: string): Promise<TableClient>;
}

/** Azurite and other loopback endpoints speak plain HTTP; the SDK refuses that unless told. */
function isPlainHttp(connection: Exclude<StoreConnection, { kind: "none" }>): boolean {
  if (connection.kind === "identity") return connection.endpoint.startsWith("http:");
  return /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connection.connectionString);
}

export function createTableClientFactory(
  connection: Exclude<StoreConnection, { kind: "none" }>,
  /** The process's shared credential (composition root); one of its own when absent. */
  sharedCredential?: TokenCredential,
): TableClientFactory {
  const options: TableServiceClientOptions = { allowInsecureConnection: isPlainHttp(connection) };
  const credential =
    connection.kind === "identity"
      ? (sharedCredential ?? createAzureCredential(connection.clientId))
      : undefined;
  const ready = new Map<string, Promise<TableClient>>();

  const make = (tableName: string): TableClient =>
    connection.kind === "identity"
      ? new TableClient(connection.endpoint, tableName, credential!, options)
      : TableClient.fromConnectionString(connection.connectionString, tableName, options);

  return {
    client(tableName) {
      let pending = ready.get(tableName);
      if (!pending) {
        const client = make(tableName);
        // createTable ignores "already exists"; a failure is retried on the next call.
        pending = client.createTable().then(() => client);
        pending.catch(() => ready.delete(tableName));
        ready.set(tableName, pending);
      }
      return pending;
    },
  };
}
