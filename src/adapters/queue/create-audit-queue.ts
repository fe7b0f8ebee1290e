import type { TokenCredential } from "@azure/core-auth";
import { createAzureCredential } from "../identity/azure-credential.js";
import type { AuditQueue } from "../../app/ports/audit-queue.js";
import type { AppConfig } from "../../config/load-config.js";
import { createStorageAuditQueue } from "./storage-audit-queue.js";

/** The audit queue from configuration; undefined when no storage is configured (fan-out off). */
export function createAuditQueue(
  config: AppConfig["host"],
  /** The process's shared credential (composition root); one of its own when absent. */
  sharedCredential?: TokenCredential,
): AuditQueue | undefined {
  const c = config.queueConnection;
  if (c.kind === "none") return undefined;
  const names = { queueName: config.auditQueue, poisonQueueName: config.poisonQueue };
  if (c.kind === "connection-string") return createStorageAuditQueue({ connection: c, ...names });
  const credential = sharedCredential ?? createAzureCredential(c.clientId);
  return createStorageAuditQueue({
    connection: { kind: "identity", serviceUri: c.serviceUri, credential },
    ...names,
  });
}
