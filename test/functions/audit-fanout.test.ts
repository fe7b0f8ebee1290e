import { InvocationContext, type Timer } from "@azure/functions";
import { QueueClient } from "@azure/storage-queue";
import { describe, expect, inject, it } from "vitest";
import { auditProfileFunction } from "../../src/functions/audit-profile.js";
import { auditTimerFunction } from "../../src/functions/audit-timer.js";
import { desiredFromLive } from "../../src/core/desired-from-live.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import { anEstate, buildFanoutRuntime, type FanoutRuntime } from "../support/builders/fanout-runtime.js";
import { runQueueHost } from "../support/queue-host.js";

const connectionString = inject("azuriteConnectionString");
const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: "", next: "", lastUpdated: "" },
};

function context(logs: string[] = []): InvocationContext {
  return new InvocationContext({
    functionName: "audit",
    logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(" ")}`),
  });
}

async function fireTimer(rt: FanoutRuntime, logs: string[] = []): Promise<void> {
  await auditTimerFunction.create(rt)(timer, context(logs));
}

function drain(rt: FanoutRuntime, maxDequeueCount = 5) {
  return runQueueHost(auditProfileFunction.create(rt), {
    connectionString,
    queueName: rt.config.host.auditQueue,
    maxDequeueCount,
  });
}

function countsOf(map: Map<string, number>): number[] {
  return [...new Set(map.values())];
}

describe("audit fan-out through the storage queue", () => {
  it("audits a 500-profile estate through the queue as listed, every profile exactly once per cycle", async () => {
    const rt = buildFanoutRuntime(anEstate(500));
    const logs: string[] = [];
    await fireTimer(rt, logs);
    expect(rt.live.watchedReads).toBe(1);
    const messages = Number(/in (\d+) message\(s\)/.exec(logs.join("\n"))?.[1]);
    expect(messages).toBeGreaterThan(1);
    expect(messages).toBeLessThan(50);

    const stats = await drain(rt);

    expect(stats).toEqual({ deliveries: messages, completed: messages, poisoned: 0 });
    // The listed snapshot travels in the messages: no ARM read per profile.
    expect(rt.live.profileReads.size).toBe(0);
    expect(rt.reports.saves.size).toBe(500);
    expect(countsOf(rt.reports.saves)).toEqual([1]);
    expect(
      (await rt.reports.listLatest()).every((r) => r.findings.every((f) => f.code !== "AUDIT_ERROR")),
    ).toBe(true);
  });

  it("audits every profile once more in the next cycle", async () => {
    const rt = buildFanoutRuntime(anEstate(150));
    await fireTimer(rt);
    await drain(rt);
    rt.clock.advance(300_000);
    await fireTimer(rt);
    await drain(rt);
    expect(rt.live.watchedReads).toBe(2);
    expect(rt.live.profileReads.size).toBe(0);
    expect(countsOf(rt.reports.saves)).toEqual([2]);
  });

  it("skips a redelivered message whose profile already has this cycle's report", async () => {
    const rt = buildFanoutRuntime(anEstate(120));
    await fireTimer(rt);
    const queue = new QueueClient(connectionString, rt.config.host.auditQueue);
    const handler = auditProfileFunction.create(rt);
    // An instance audits a message and dies before completing it: it comes back.
    const first = await queue.receiveMessages({ numberOfMessages: 1, visibilityTimeout: 60 });
    for (const m of first.receivedMessageItems) {
      await handler(JSON.parse(Buffer.from(m.messageText, "base64").toString("utf8")), context());
      await queue.updateMessage(m.messageId, m.popReceipt, undefined, 0);
    }

    const stats = await drain(rt);

    expect(stats.completed).toBe(stats.deliveries);
    expect(rt.reports.saves.size).toBe(120);
    expect(countsOf(rt.reports.saves)).toEqual([1]);
  });

  it("audits an estate at or below FANOUT_THRESHOLD inside the timer, with one watched read and no messages", async () => {
    const rt = buildFanoutRuntime(anEstate(100));
    await fireTimer(rt);
    expect(rt.live.watchedReads).toBe(1);
    expect(rt.reports.saves.size).toBe(100);
    const queue = new QueueClient(connectionString, rt.config.host.auditQueue);
    expect(await queue.exists()).toBe(false);
  });

  it("honours a lower FANOUT_THRESHOLD", async () => {
    const rt = buildFanoutRuntime(anEstate(5), { FANOUT_THRESHOLD: "3" });
    const logs: string[] = [];
    await fireTimer(rt, logs);
    expect(rt.reports.saves.size).toBe(0);
    expect(logs.some((l) => l.includes("enqueued 5 profile(s) for audit-profile in 1 message(s)"))).toBe(
      true,
    );
    expect((await drain(rt)).completed).toBe(1);
    expect(rt.reports.saves.size).toBe(5);
  });

  it("moves a message whose audit keeps failing to the poison queue after maxDequeueCount attempts", async () => {
    const rt = buildFanoutRuntime(anEstate(110));
    rt.reports.failFor.add("sub3/rg1/p0003");
    await fireTimer(rt);
    const stats = await drain(rt, 3);
    expect(stats.poisoned).toBe(1);
    expect(stats.deliveries).toBe(stats.completed + 3);
    expect(rt.reports.saves.get("sub3/rg1/p0003")).toBeUndefined();
    // The other profiles of that message were saved on the first attempt and skipped after.
    expect(rt.reports.saves.size).toBe(109);
    expect(countsOf(rt.reports.saves)).toEqual([1]);
  });

  it("reports a poisoned profile as AUDIT_ERROR in the next cycle, alerts on it and empties the poison queue", async () => {
    const rt = buildFanoutRuntime(anEstate(110));
    rt.reports.failFor.add("sub3/rg1/p0003");
    await fireTimer(rt);
    await drain(rt, 3);
    rt.reports.failFor.clear();
    rt.clock.advance(300_000);
    const logs: string[] = [];

    await fireTimer(rt, logs);

    const report = await rt.reports.latest("sub3/rg1/p0003");
    expect(report?.findings.map((f) => f.code)).toEqual(["AUDIT_ERROR"]);
    // Only the profile whose audit was lost: the rest of its message had been saved.
    expect(logs.some((l) => l.includes("audit: 1 poisoned audit(s) reported as AUDIT_ERROR"))).toBe(true);
    expect(report?.findings[0]?.message).toContain("failed on every attempt");
    expect(
      rt.alerts.dispatched
        .flat()
        .some((r) => r.profile === "sub3/rg1/p0003" && r.findings[0]?.code === "AUDIT_ERROR"),
    ).toBe(true);
    expect(logs.some((l) => l.includes("1 poisoned audit(s) reported as AUDIT_ERROR"))).toBe(true);
    const poison = new QueueClient(connectionString, rt.config.host.poisonQueue);
    expect((await poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems).toHaveLength(0);

    // The same cycle still audits the profile again: a fresh report replaces the AUDIT_ERROR one.
    await drain(rt);
    expect((await rt.reports.latest("sub3/rg1/p0003"))?.findings.some((f) => f.code === "AUDIT_ERROR")).toBe(
      false,
    );
  });

  it("still audits an old one-profile message (in flight during an upgrade) by reading it from ARM", async () => {
    const rt = buildFanoutRuntime(anEstate(3));
    await rt.auditQueue!.enqueue([
      { cycleId: "old", cycleStartedAt: "2026-11-25T09:59:00.000Z", profile: "sub1/rg1/p0001" },
    ]);
    expect((await drain(rt)).completed).toBe(1);
    expect(rt.live.profileReads.get("sub1/rg1/p0001")).toBe(1);
    expect(rt.reports.saves.get("sub1/rg1/p0001")).toBe(1);
  });

  it("reads the desired states once per cycle and hands them to the queued audits", async () => {
    const rt = buildFanoutRuntime(anEstate(120));
    const live = (await rt.live.readWatched()).profiles.find((p) => p.name === "p0007")!;
    await rt.desired.create("sub2/rg1/p0007", { ...(desiredFromLive(live) as DesiredState), ttl: 7 }, "test");
    let lists = 0;
    let gets = 0;
    const list = rt.desired.list.bind(rt.desired);
    const get = rt.desired.get.bind(rt.desired);
    rt.desired.list = () => (lists++, list());
    rt.desired.get = (p) => (gets++, get(p));
    await fireTimer(rt);
    await drain(rt);
    expect([lists, gets]).toEqual([1, 0]);
    const codesOf = async (p: string) => (await rt.reports.latest(p))?.findings.map((f) => f.code) ?? [];
    // The desired TTL differs from the live one: only the profile with a desired state drifts.
    expect(await codesOf("sub2/rg1/p0007")).toContain("TTL_DRIFT");
    expect(await codesOf("sub3/rg1/p0008")).not.toContain("TTL_DRIFT");
  });

  it("drops an invalid message instead of retrying it", async () => {
    const rt = buildFanoutRuntime([]);
    const logs: string[] = [];
    const ctx = new InvocationContext({
      logHandler: (level, ...a) => logs.push(`${level}: ${a.map(String).join(" ")}`),
    });
    await auditProfileFunction.create(rt)({ profile: "not-a-key" }, ctx);
    expect(logs.some((l) => l.startsWith("error: audit-profile: dropped an invalid message"))).toBe(true);
    expect(rt.live.profileReads.size).toBe(0);
  });

  it("reports profiles hidden by a failed list call as AUDIT_ERROR instead of enqueueing them", async () => {
    const rt = buildFanoutRuntime(anEstate(101));
    rt.live.failures = [
      {
        scope: "/subscriptions/sub9",
        profiles: ["sub9/rg1/gone"],
        reason: "forbidden",
        message: "Grant Reader on /subscriptions/sub9",
      },
    ];
    await fireTimer(rt);
    expect((await rt.reports.latest("sub9/rg1/gone"))?.findings[0]?.message).toBe(
      "Grant Reader on /subscriptions/sub9",
    );
    const stats = await drain(rt);
    expect(stats.completed).toBe(stats.deliveries);
    expect(rt.reports.saves.size).toBe(102);
  });

  it("reports a subscription that could not be listed as AUDIT_ERROR under its scope while fanning out", async () => {
    const rt = buildFanoutRuntime(anEstate(101));
    rt.live.failures = [
      { scope: "/subscriptions/sub9", profiles: [], reason: "upstream", message: "ARM failed (500)" },
    ];
    await fireTimer(rt);
    const report = await rt.reports.latest("/subscriptions/sub9");
    expect(report?.findings.map((f) => [f.code, f.message])).toEqual([["AUDIT_ERROR", "ARM failed (500)"]]);
    expect(rt.alerts.dispatched.flat().some((r) => r.profile === "/subscriptions/sub9")).toBe(true);
  });

  it("hands a listed profile the failure of its nested child; the queued audit reads that child once more", async () => {
    const rt = buildFanoutRuntime(anEstate(101));
    rt.live.failures = [
      {
        scope: "subx/rg1/child",
        profiles: ["sub0/rg1/p0000"],
        reason: "timeout",
        message: "child timed out",
      },
    ];
    await fireTimer(rt);
    await drain(rt);
    expect(rt.live.profileReads.get("sub0/rg1/p0000")).toBeUndefined();
    expect(rt.live.profileReads.get("subx/rg1/child")).toBe(1);
    expect(rt.reports.saves.get("sub0/rg1/p0000")).toBe(1);
    const report = await rt.reports.latest("sub0/rg1/p0000");
    expect(report?.findings.map((f) => [f.code, f.message])).toContainEqual([
      "AUDIT_ERROR",
      "child timed out",
    ]);
  });

  it("reports AUDIT_ERROR instead of failing silently when the live source cannot be read at all", async () => {
    const rt = buildFanoutRuntime(anEstate(3));
    rt.live.readWatchedError = new Error("no credential available");
    await fireTimer(rt);
    const reports = await rt.reports.listLatest();
    expect(reports.map((r) => [r.profile, r.findings[0]?.code])).toEqual([
      ["all watched profiles", "AUDIT_ERROR"],
    ]);
    expect(reports[0]?.findings[0]?.message).toContain("no credential available");
  });
});
