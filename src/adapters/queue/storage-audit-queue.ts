import type { TokenCredential } from "@azure/core-auth";
import { QueueServiceClient, RestError, type QueueClient } from "@azure/storage-queue";
import pLimit from "p-limit";
import { AppError, describeError } from "../../app/errors.js";
import type { AuditMessage, AuditQueue, PoisonedMessage } from "../../app/ports/audit-queue.js";

export type QueueConnection =
  | { kind: "connection-string"; connectionString: string }
  | { kind: "identity"; serviceUri: string; credential: TokenCredential };

export interface StorageAuditQueueOptions {
  connection: QueueConnection;
  queueName: string;
  poisonQueueName: string;
  /** Parallel sends while enqueueing a cycle (one HTTP request per message). */
  sendConcurrency?: number;
  /** Seconds a received poison message stays hidden while the cycle turns it into a report. */
  poisonVisibilitySeconds?: number;
  /** Attempts per storage call, including the first (the SDK retries transient failures). */
  maxTries?: number;
}

/** Base64 text, because the Functions queue trigger decodes base64 by default (host.json messageEncoding). */
export function encodeMessage(body: unknown): string {
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64");
}

/** Inverse of encodeMessage, tolerant of plain-text bodies that other tools may have written. */
export function decodeMessage(text: string): unknown {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, "base64").toString("utf8") : text;
  try {
    return JSON.parse(decoded) as unknown;
  } catch {
    return decoded;
  }
}

function upstream(what: string, e: unknown): AppError {
  const status = e instanceof RestError && e.statusCode !== undefined ? ` (HTTP ${e.statusCode})` : "";
  return new AppError("UPSTREAM", `audit queue: ${what} failed${status}: ${describeError(e)}`, [], {
    cause: e,
  });
}

function serviceClientOf(connection: QueueConnection, maxTries: number | undefined): QueueServiceClient {
  const pipeline = maxTries !== undefined ? { retryOptions: { maxTries } } : {};
  return connection.kind === "connection-string"
    ? QueueServiceClient.fromConnectionString(connection.connectionString, pipeline)
    : new QueueServiceClient(connection.serviceUri, connection.credential, pipeline);
}

/** AuditQueue on Azure Storage Queues (@azure/storage-queue). */
export function createStorageAuditQueue(options: StorageAuditQueueOptions): AuditQueue {
  const service = serviceClientOf(options.connection, options.maxTries);
  const queue = service.getQueueClient(options.queueName);
  const poison = service.getQueueClient(options.poisonQueueName);
  const limit = pLimit(options.sendConcurrency ?? 16);
  let created = false;

  async function ensureQueue(): Promise<void> {
    if (created) return;
    try {
      await queue.createIfNotExists();
      created = true;
    } catch (e: unknown) {
      throw upstream(`creating queue ${options.queueName}`, e);
    }
  }

  return {
    async enqueue(items: readonly AuditMessage[]): Promise<void> {
      if (items.length === 0) return;
      await ensureQueue();
      await Promise.all(
        items.map((item) =>
          limit(async () => {
            try {
              await queue.sendMessage(encodeMessage(item));
            } catch (e: unknown) {
              throw upstream(
                "v" in item
                  ? `enqueueing ${String(item.profiles.length)} listed profile(s) from ${item.profiles[0]?.name ?? "?"}`
                  : `enqueueing ${item.profile}`,
                e,
              );
            }
          }),
        ),
      );
    },

    async receivePoisoned(max: number): Promise<PoisonedMessage[]> {
      try {
        const response = await poison.receiveMessages({
          numberOfMessages: Math.max(1, Math.min(32, max)),
          visibilityTimeout: options.poisonVisibilitySeconds ?? 300,
        });
        return response.receivedMessageItems.map((m) => ({
          body: decodeMessage(m.messageText),
          remove: () => removeMessage(poison, m.messageId, m.popReceipt),
        }));
      } catch (e: unknown) {
        // The host creates the poison queue on the first poisoned message; until then there is none.
        if (e instanceof RestError && e.statusCode === 404) return [];
        throw upstream(`reading ${options.poisonQueueName}`, e);
      }
    },
  };
}

async function removeMessage(client: QueueClient, id: string, popReceipt: string): Promise<void> {
  try {
    await client.deleteMessage(id, popReceipt);
  } catch (e: unknown) {
    // Already gone (another reader's turn ended and it removed it): nothing left to do.
    if (e instanceof RestError && e.statusCode === 404) return;
    throw upstream(`removing a poison message from ${client.name}`, e);
  }
}
