import functions, { type LogLevel } from "@azure/functions";
import { QueueClient } from "@azure/storage-queue";
import { decodeMessage } from "../adapters/queue/storage-audit-queue.js";
import type { QueueFunctionDefinition } from "../functions/definition.js";
import type { Runtime } from "../composition-root.js";

// @azure/functions is CommonJS whose classes Node's ESM loader cannot see as named exports.
const { InvocationContext } = functions;

/** As host.json `extensions.queues.maxDequeueCount`. */
const MAX_DEQUEUE_COUNT = 5;

/**
 * What the Functions host does for the `audit-profile` queue trigger, for `serve`: above
 * FANOUT_THRESHOLD the timer enqueues one message per profile, and this drains the queue through
 * the same queue-trigger handler (delete on success, retry, then `<queue>-poison`), so a large
 * estate is audited under `serve` too. Only for a connection-string account (embedded Azurite or
 * AzureWebJobsStorage); returns the number of messages handled.
 */
export async function drainAuditQueue(
  rt: Runtime,
  definition: QueueFunctionDefinition,
  log: (level: LogLevel, line: string) => void,
): Promise<number> {
  const connection = rt.config.host.queueConnection;
  if (connection.kind !== "connection-string") return 0;
  const queue = new QueueClient(connection.connectionString, rt.config.host.auditQueue);
  const poison = new QueueClient(connection.connectionString, rt.config.host.poisonQueue);
  if (!(await queue.exists())) return 0;
  const handler = definition.create(rt);
  let handled = 0;
  for (;;) {
    const batch = await queue.receiveMessages({ numberOfMessages: 16, visibilityTimeout: 300 });
    if (batch.receivedMessageItems.length === 0) return handled;
    await Promise.all(
      batch.receivedMessageItems.map(async (m) => {
        const context = new InvocationContext({
          functionName: definition.name,
          logHandler: (level, ...a) => log(level, `[${definition.name}] ${a.map(String).join(" ")}`),
        });
        handled += 1;
        try {
          await handler(decodeMessage(m.messageText), context);
          await queue.deleteMessage(m.messageId, m.popReceipt);
        } catch (e: unknown) {
          log("warning", `[${definition.name}] attempt ${String(m.dequeueCount)} failed: ${String(e)}`);
          if (m.dequeueCount >= MAX_DEQUEUE_COUNT) {
            await poison.createIfNotExists();
            await poison.sendMessage(m.messageText);
            await queue.deleteMessage(m.messageId, m.popReceipt);
          } else await queue.updateMessage(m.messageId, m.popReceipt, undefined, 0);
        }
      }),
    );
  }
}
