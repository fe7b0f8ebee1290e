import { DefaultAzureCredential } from "@azure/identity";
import type { AuditQueue } from "../../app/ports/audit-queue.js";
import type { AppConfig } from "../../config/load-config.js";
import { createStorageAuditQueue } from "./storage-audit-queue.js";

/** The audit queue from configuration; undefined when no storage is configured (fan-out off). */
export function createAuditQueue(config: AppConfig["host"]): AuditQueue | undefined {
  const c = config.queueConnection;
  if (c.kind === "none") return undefined;
  const names = { queueName: config.auditQueue, poisonQueueName: config.poisonQueue };
  if (c.kind === "connection-string") return createStorageAuditQueue({ connection: c, ...names });
  const credential = new DefaultAzureCredential(
    c.clientId !== undefined ? { managedIdentityClientId: c.clientId } : {},
  );
  return createStorageAuditQueue({
    connection: { kind: "identity", serviceUri: c.serviceUri, credential },
    ...names,
  });
}
