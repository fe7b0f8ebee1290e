import { TableClient } from "@azure/data-tables";
import { inject } from "vitest";
import {
  createTableClientFactory,
  type TableClientFactory,
} from "../../../src/adapters/store/table-client-factory.js";

let counter = 0;

/** A table name no other test file uses: prefix + pid + counter (3–63 letters/digits). */
export function uniqueTableName(prefix: string): string {
  counter += 1;
  return `${prefix}${process.pid}x${counter}x${Date.now().toString(36)}`.slice(0, 63);
}

export function azuriteTables(): TableClientFactory {
  return createTableClientFactory({
    kind: "connection-string",
    connectionString: inject("azuriteConnectionString"),
  });
}

/** Every entity of a table, sorted, with ETags and timestamps: a byte-for-byte comparable dump. */
export async function dumpTable(tableName: string): Promise<string> {
  const client = TableClient.fromConnectionString(inject("azuriteConnectionString"), tableName, {
    allowInsecureConnection: true,
  });
  const rows: Record<string, unknown>[] = [];
  for await (const e of client.listEntities()) rows.push(e);
  rows.sort((a, b) =>
    `${String(a["partitionKey"])}|${String(a["rowKey"])}`.localeCompare(
      `${String(b["partitionKey"])}|${String(b["rowKey"])}`,
    ),
  );
  return JSON.stringify(rows);
}
