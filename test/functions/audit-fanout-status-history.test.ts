import { InvocationContext, type Timer } from "@azure/functions";
import { describe, expect, inject, it } from "vitest";
import { MemoryStatusHistoryStore } from "../../src/adapters/memory/memory-status-history-store.js";
import { TableStatusHistoryStore } from "../../src/adapters/store/table-status-history-store.js";
import type { StatusHistoryStore } from "../../src/app/ports/status-history-store.js";
import { auditProfileFunction } from "../../src/functions/audit-profile.js";
import { auditTimerFunction } from "../../src/functions/audit-timer.js";
import { anEstate, buildFanoutRuntime, type FanoutRuntime } from "../support/builders/fanout-runtime.js";
import { azuriteTables, uniqueTableName } from "../support/builders/table-store-builders.js";
import { runQueueHost } from "../support/queue-host.js";

const connectionString = inject("azuriteConnectionString");
const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: "", next: "", lastUpdated: "" },
};
const context = (logs: string[] = []) =>
  new InvocationContext({
    functionName: "audit",
    logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(" ")}`),
  });

/** One timer cycle above FANOUT_THRESHOLD: the timer enqueues listed batches, the queue host drains them. */
async function fanOutCycle(rt: FanoutRuntime, logs: string[] = []): Promise<void> {
  await auditTimerFunction.create(rt)(timer, context(logs));
  const handler = auditProfileFunction.create(rt);
  await runQueueHost((message) => handler(message, context(logs)), {
    connectionString,
    queueName: rt.config.host.auditQueue,
  });
}

const since = (rt: FanoutRuntime) => {
  const day = new Date(rt.clock.now().getTime() - 86_400_000);
  return { samplesSince: day, eventsSince: day };
};

describe("status history of fanned-out audits", () => {
  it("records every listed profile's audit in the status page's history, each cycle once", async () => {
    const statusHistory = new TableStatusHistoryStore(azuriteTables(), uniqueTableName("fanouthist"));
    const rt: FanoutRuntime = { ...buildFanoutRuntime(anEstate(150)), statusHistory };
    const logs: string[] = [];

    await fanOutCycle(rt, logs);
    rt.clock.advance(300_000);
    await fanOutCycle(rt, logs);

    expect(logs.some((l) => /in \d+ message\(s\)/.test(l))).toBe(true);
    const history = await statusHistory.read(since(rt));
    expect(history.size).toBe(150);
    expect([...new Set([...history.values()].map((h) => h.samples.length))]).toEqual([2]);
    expect(history.get("sub3/rg1/p0008")?.samples[1]?.serving).toBe(
      (await rt.reports.latest("sub3/rg1/p0008"))?.servingEndpoint,
    );
    expect(logs.filter((l) => l.includes("history failed"))).toEqual([]);
  });

  it("records only the reports a batch saved", async () => {
    const statusHistory = new MemoryStatusHistoryStore();
    const rt: FanoutRuntime = { ...buildFanoutRuntime(anEstate(110)), statusHistory };
    rt.reports.failFor.add("sub3/rg1/p0003");

    await fanOutCycle(rt);

    const history = await statusHistory.read(since(rt));
    expect(history.size).toBe(109);
    expect(history.has("sub3/rg1/p0003")).toBe(false);
    // Redeliveries of the failing message skip the saved profiles: one sample each.
    expect([...new Set([...history.values()].map((h) => h.samples.length))]).toEqual([1]);
  });

  it("warns of a failed history write without failing the message", async () => {
    const statusHistory: StatusHistoryStore = {
      record: () => Promise.reject(new Error("history table unavailable")),
      read: () => Promise.resolve(new Map()),
    };
    const rt: FanoutRuntime = { ...buildFanoutRuntime(anEstate(110)), statusHistory };
    const logs: string[] = [];

    await fanOutCycle(rt, logs);

    expect(rt.reports.saves.size).toBe(110);
    expect([...new Set(rt.reports.saves.values())]).toEqual([1]);
    expect(logs.filter((l) => /history failed for .*history table unavailable/.test(l))).toHaveLength(110);
  });
});
