import functions, { type InvocationContext } from "@azure/functions";
import { QueueClient } from "@azure/storage-queue";
import process from "node:process";
import { runScheduledAudit } from "../src/app/fan-out/scheduled-audit.js";
import { auditOptionsFromConfig, cycleFromSnapshot } from "../src/app/run-audit.js";
import { buildRuntime } from "../src/composition-root.js";
import { loadConfig } from "../src/config/load-config.js";
import { auditProfileFunction } from "../src/functions/audit-profile.js";
import { countStorageRequests, type StorageCounts } from "./storage-request-counter.js";

/**
 * One process = one Flex instance: runs the timer's fan-out once, then the audit-profile queue
 * trigger in-process until the queue is empty, with the host's queue concurrency (host.json
 * batchSize 16, newBatchThreshold 8: a new batch of up to 16 is fetched while at most 8 run).
 * Prints one JSON line of figures. Configuration comes from the environment the bench sets.
 */
const BATCH_SIZE = 16;
const NEW_BATCH_THRESHOLD = 8;

export interface WorkerFigures {
  timerMs: number;
  drainMs: number;
  wallMs: number;
  peakRssMb: number;
  /** CPU time (user + system) this process used for the cycle. */
  cpuMs: number;
  profiles: number;
  messages: number;
  deliveries: number;
  /** Receive calls made by the in-process queue host. */
  receives: number;
  failed: number;
  /** Requests to the Table and Queue services by kind (see storage-request-counter). */
  storage: StorageCounts;
}

async function drain(
  handler: (message: unknown, context: InvocationContext) => Promise<void>,
  connectionString: string,
  queueName: string,
): Promise<{ deliveries: number; receives: number; failed: number }> {
  const queue = new QueueClient(connectionString, queueName);
  const inflight = new Set<Promise<void>>();
  let deliveries = 0;
  let failed = 0;
  let receives = 0;
  const context = new functions.InvocationContext({
    functionName: "audit-profile",
    logHandler: () => undefined,
  });
  for (;;) {
    if (inflight.size > NEW_BATCH_THRESHOLD) {
      await Promise.race(inflight);
      continue;
    }
    receives++;
    const batch = await queue.receiveMessages({ numberOfMessages: BATCH_SIZE, visibilityTimeout: 300 });
    const items = batch.receivedMessageItems;
    if (items.length === 0) {
      if (inflight.size === 0) return { deliveries, receives, failed };
      await Promise.race(inflight);
      continue;
    }
    for (const m of items) {
      deliveries++;
      const run = (async () => {
        try {
          await handler(JSON.parse(Buffer.from(m.messageText, "base64").toString("utf8")), context);
          await queue.deleteMessage(m.messageId, m.popReceipt);
        } catch (e: unknown) {
          failed++;
          process.stderr.write(`audit-profile failed: ${String(e)}\n`);
        }
      })();
      inflight.add(run);
      void run.finally(() => inflight.delete(run));
    }
  }
}

async function main(): Promise<void> {
  const carrySnapshot = process.argv[2] !== "baseline";
  const storage = countStorageRequests(process.env.AzureWebJobsStorage ?? "");
  const config = loadConfig(process.env);
  const rt = await buildRuntime(config);
  const options = auditOptionsFromConfig(config);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await runScheduledAudit(
    {
      clock: rt.clock,
      live: rt.live,
      reports: rt.reports,
      alerts: rt.alerts,
      queue: rt.auditQueue,
      desired: rt.desired,
      auditInline: cycleFromSnapshot(rt, options),
    },
    { fanoutThreshold: config.host.fanoutThreshold, carrySnapshot },
  );
  const timerDone = performance.now();
  if (process.env.BENCH_VERBOSE) process.stderr.write(`timer done: ${JSON.stringify(result)}\n`);
  if (result.mode !== "fan-out") throw new Error("the bench estate should fan out");
  const drained = await drain(
    auditProfileFunction.create(rt),
    process.env.AzureWebJobsStorage ?? "",
    config.host.auditQueue,
  );
  const done = performance.now();
  await rt.close();
  const figures: WorkerFigures = {
    timerMs: timerDone - started,
    drainMs: done - timerDone,
    wallMs: done - started,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuBefore)),
    profiles: result.profiles,
    messages: result.messages,
    ...drained,
    storage,
  };
  // Keep-alive sockets of the SDK clients would hold the process open: the figures are out.
  process.stdout.write(`${JSON.stringify(figures)}\n`, () => process.exit(0));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
