import { QueueServiceClient, RestError } from "@azure/storage-queue";
import type { TokenCredential } from "@azure/core-auth";
import { createAzureCredential } from "../identity/azure-credential.js";
import { AppError, describeError } from "../../app/errors.js";
import type { DrillQueue } from "../../app/ports/drill-queue.js";
import type { AppConfig } from "../../config/load-config.js";
import { encodeMessage } from "./storage-audit-queue.js";

/**
 * The drill queue on Azure Storage Queues: a step's wait is the message's visibility timeout, so
 * the `drill-step` trigger sees it only when due. Undefined without storage (then drills run in-process).
 */
export function createStorageDrillQueue(
  config: AppConfig["host"],
  queueName: string,
  /** The process's shared credential (composition root); one of its own when absent. */
  sharedCredential?: TokenCredential,
): DrillQueue | undefined {
  const c = config.queueConnection;
  if (c.kind === "none") return undefined;
  const service =
    c.kind === "connection-string"
      ? QueueServiceClient.fromConnectionString(c.connectionString)
      : new QueueServiceClient(c.serviceUri, sharedCredential ?? createAzureCredential(c.clientId));
  const queue = service.getQueueClient(queueName);
  let created = false;
  return {
    async send(message, delaySeconds) {
      try {
        if (!created) {
          await queue.createIfNotExists();
          created = true;
        }
        await queue.sendMessage(encodeMessage(message), {
          visibilityTimeout: Math.max(0, Math.round(delaySeconds)),
        });
      } catch (e: unknown) {
        const status = e instanceof RestError && e.statusCode !== undefined ? ` (HTTP ${e.statusCode})` : "";
        throw new AppError(
          "UPSTREAM",
          `drill queue: sending a step failed${status}: ${describeError(e)}`,
          [],
          {
            cause: e,
          },
        );
      }
    },
  };
}
