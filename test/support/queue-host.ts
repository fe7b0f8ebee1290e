import { InvocationContext } from "@azure/functions";
import { QueueClient } from "@azure/storage-queue";

export interface QueueHostStats {
  /** Handler invocations, including retries and redeliveries. */
  deliveries: number;
  completed: number;
  /** Messages moved to the poison queue. */
  poisoned: number;
}

export interface QueueHostOptions {
  connectionString: string;
  queueName: string;
  /** As host.json `extensions.queues.maxDequeueCount` (host default 5). */
  maxDequeueCount?: number;
  /** Messages handled at once (host.json batchSize). */
  batchSize?: number;
  logs?: string[];
}

/**
 * What the Functions host does for a queue trigger, reduced to the parts we rely on: receive in
 * batches, base64-decode and JSON-parse the body, call the handler, delete on success, make the
 * message visible again on failure, and after maxDequeueCount failures move it to `<queue>-poison`.
 */
export async function runQueueHost(
  handler: (message: unknown, context: InvocationContext) => Promise<void>,
  options: QueueHostOptions,
): Promise<QueueHostStats> {
  const queue = new QueueClient(options.connectionString, options.queueName);
  const poison = new QueueClient(options.connectionString, `${options.queueName}-poison`);
  const maxDequeueCount = options.maxDequeueCount ?? 5;
  const stats: QueueHostStats = { deliveries: 0, completed: 0, poisoned: 0 };
  for (;;) {
    const batch = await queue.receiveMessages({
      numberOfMessages: options.batchSize ?? 32,
      visibilityTimeout: 60,
    });
    if (batch.receivedMessageItems.length === 0) return stats;
    await Promise.all(
      batch.receivedMessageItems.map(async (m) => {
        const text = Buffer.from(m.messageText, "base64").toString("utf8");
        let body: unknown = text;
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          // the host passes non-JSON bodies as strings
        }
        const context = new InvocationContext({
          functionName: "audit-profile",
          logHandler: (level, ...args) => options.logs?.push(`${level}: ${args.map(String).join(" ")}`),
        });
        stats.deliveries++;
        try {
          await handler(body, context);
          await queue.deleteMessage(m.messageId, m.popReceipt);
          stats.completed++;
        } catch {
          if (m.dequeueCount >= maxDequeueCount) {
            await poison.createIfNotExists();
            await poison.sendMessage(m.messageText);
            await queue.deleteMessage(m.messageId, m.popReceipt);
            stats.poisoned++;
          } else {
            await queue.updateMessage(m.messageId, m.popReceipt, undefined, 0);
          }
        }
      }),
    );
  }
}
