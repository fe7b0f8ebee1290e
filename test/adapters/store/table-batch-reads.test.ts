import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { describe, expect, it } from "vitest";
import { createAlertDispatcher } from "../../../src/adapters/notify/create-alert-dispatcher.js";
import { TableAlertOutbox } from "../../../src/adapters/store/table-alert-outbox.js";
import { TableAlertStateStore } from "../../../src/adapters/store/table-alert-state-store.js";
import { TableDrillStore } from "../../../src/adapters/store/table-drill-store.js";
import type { AlertDispatcher } from "../../../src/app/ports/alert-dispatcher.js";
import type { PrimedAlertState } from "../../../src/app/ports/alert-state-store.js";
import { loadConfig } from "../../../src/config/load-config.js";
import type { Drill } from "../../../src/core/drill/drill.js";
import { emptyAlertState } from "../../../src/core/alerts/incident.js";
import { aFinding, anAlertMessage, aReport, ManualClock } from "../../support/builders/alert-builders.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";

/**
 * The batch reads a queue message's audits share (issue 16): one query for many profiles'
 * alert states and pending messages, one for their drills, with the same answers as the
 * per-profile reads and the same notifications as a dispatcher that reads profile by profile.
 */
const tables = azuriteTables();
const names = ["alpha", "bravo", "charlie", "delta", "echo"];
const key = (name: string) => aReport({ name }).profile;

/** Requests this process sends while `run` runs (nothing else runs in this file meanwhile). */
async function countRequests(run: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const count = () => (n += 1);
  subscribe("http.client.request.start", count);
  try {
    await run();
  } finally {
    unsubscribe("http.client.request.start", count);
  }
  return n;
}

describe("TableAlertStateStore.loadMany on Azurite", () => {
  it("returns each profile's state and pending messages with one query, and nothing for profiles not asked", async () => {
    const table = uniqueTableName("alprime");
    const state = new TableAlertStateStore(tables, table);
    const outbox = new TableAlertOutbox(tables, table);
    const entry = (profile: string, id: string) => ({
      id,
      profile,
      channel: "teams" as const,
      createdAt: "2026-03-01T10:00:00.000Z",
      status: "pending" as const,
      attempts: 0,
      message: anAlertMessage({ profile }),
    });
    for (const name of names)
      await state.save(emptyAlertState(key(name)), undefined, [entry(key(name), "000000000001~teams")]);
    // bravo's message was delivered; charlie (between the asked ones) is not asked for.
    const [delivered] = await outbox.pending(key("bravo"));
    await outbox.update({ ...delivered!, status: "delivered" });
    await state.save(emptyAlertState(key("foxtrot")), undefined);
    await state.load(key("alpha")); // the table exists before counting starts

    let primed = new Map<string, PrimedAlertState>();
    const requests = await countRequests(async () => {
      primed = await state.loadMany(["alpha", "bravo", "delta", "nobody"].map(key));
    });
    expect(requests).toBe(1);
    expect([...primed.keys()]).toEqual(["alpha", "bravo", "delta", "nobody"].map(key));
    expect(primed.get(key("alpha"))?.loaded).toEqual(await state.load(key("alpha")));
    expect(primed.get(key("alpha"))?.pending).toEqual(await outbox.pending(key("alpha")));
    expect(primed.get(key("alpha"))?.pending).toHaveLength(1);
    expect(primed.get(key("bravo"))?.pending).toEqual([]);
    expect(primed.get(key("nobody"))).toEqual({ loaded: undefined, pending: [] });
  });
});

describe("TableDrillStore.listMany on Azurite", () => {
  it("lists every profile's drills, newest first, as list does profile by profile, with one query", async () => {
    const store = new TableDrillStore(tables, uniqueTableName("drillprime"));
    const drill = (name: string, n: number): Drill => ({
      id: `drill-${name}-${String(n)}`,
      profile: key(name),
      dryRun: false,
      trigger: "http",
      startedAt: `2026-03-0${String(n)}T10:00:00.000Z`,
      phase: "done",
      outcome: "passed",
      seq: 1,
      nextAt: `2026-03-0${String(n)}T10:00:00.000Z`,
      deadlineSeconds: 300,
      pollSeconds: 10,
      expectedStandby: "web-westus",
      observedStandby: "web-westus",
      failoverSeconds: 60,
      failbackSeconds: 60,
      steps: [],
      restored: true,
    });
    for (const name of ["alpha", "charlie"])
      for (const n of [1, 3, 2]) {
        const stored = await store.start(drill(name, n));
        await store.save(stored.drill, stored.etag); // done: releases the lease
      }
    await store.start({ ...drill("bravo", 1), phase: "await-failover" }); // holds a lease row

    let many = new Map<string, Drill[]>();
    const requests = await countRequests(async () => {
      many = await store.listMany(["alpha", "bravo", "charlie", "delta"].map(key), 2);
    });
    expect(requests).toBe(1);
    for (const name of ["alpha", "bravo", "charlie", "delta"])
      expect(many.get(key(name))).toEqual(await store.list(key(name), 2));
    expect(many.get(key("alpha"))?.map((d) => d.id)).toEqual(["drill-alpha-3", "drill-alpha-2"]);
    expect(many.get(key("bravo"))?.map((d) => d.phase)).toEqual(["await-failover"]);
    expect(many.get(key("delta"))).toEqual([]);
  });
});

describe("alert dispatcher primed for a batch (Table storage)", () => {
  function dispatcher(table: string, clock: ManualClock, lines: string[]): AlertDispatcher {
    return createAlertDispatcher(loadConfig({ TABLE_STATE: table }), {
      clock,
      tables,
      write: (l) => lines.push(l),
    });
  }
  const told = (lines: string[]) =>
    lines.filter((l) => l.startsWith("[tm-sentinel]")).map((l) => l.split("\n")[0]);

  it("tells the same as the per-profile dispatcher over open, quiet and resolved cycles", async () => {
    const runs = await Promise.all(
      [false, true].map(async (batched) => {
        const clock = new ManualClock();
        const lines: string[] = [];
        const base = dispatcher(uniqueTableName(batched ? "alb" : "alu"), clock, lines);
        const findings = [[aFinding()], [aFinding()], [], []];
        for (const cycle of findings) {
          const reports = names.map((name) =>
            aReport({
              name,
              generatedAt: clock.now().toISOString(),
              findings: name === "bravo" ? cycle : [],
            }),
          );
          const alerts = batched ? await base.forProfiles!(reports.map((r) => r.profile)) : base;
          for (const r of reports) await alerts.deliveryFindings(r.profile);
          await alerts.dispatch(reports);
          clock.advance(300_000);
        }
        return told(lines);
      }),
    );
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[1]).toEqual([
      "[tm-sentinel] CRITICAL bravo: primary not serving",
      "[tm-sentinel] RESOLVED bravo: resolved: primary not serving",
    ]);
  });

  it("decides again, and tells once, when another dispatcher commits between the batch read and the dispatch", async () => {
    const table = uniqueTableName("alrace");
    const clock = new ManualClock();
    const lines: string[] = [];
    const base = dispatcher(table, clock, lines);
    const report = aReport({ name: "bravo", generatedAt: clock.now().toISOString(), findings: [aFinding()] });
    const primed = await base.forProfiles!([report.profile]);
    // An audit-now of the same profile in another process gets in first.
    await dispatcher(table, clock, lines).dispatch([report]);
    await primed.dispatch([report]);
    expect(told(lines)).toEqual(["[tm-sentinel] CRITICAL bravo: primary not serving"]);
  });

  it("costs one Table request for a batch of quiet profiles", async () => {
    const clock = new ManualClock();
    const base = dispatcher(uniqueTableName("alquiet"), clock, []);
    const reports = names.map((name) => aReport({ name, generatedAt: clock.now().toISOString() }));
    await base.dispatch(reports); // the table exists, every profile has been seen
    const requests = await countRequests(async () => {
      const alerts = await base.forProfiles!(reports.map((r) => r.profile));
      for (const r of reports) await alerts.deliveryFindings(r.profile);
      await alerts.dispatch(reports);
    });
    expect(requests).toBe(1);
  });
});
