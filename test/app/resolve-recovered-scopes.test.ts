import { describe, expect, it } from "vitest";
import { MemoryReportStore } from "../../src/adapters/memory/memory-report-store.js";
import { listProfiles } from "../../src/app/read-state.js";
import { resolveRecoveredScopes } from "../../src/app/resolve-recovered-scopes.js";
import { auditErrorReport } from "../../src/core/assess-profile.js";
import { FakeAlerts, fixedClock } from "../support/fakes/audit-fakes.js";

const NOW = new Date("2026-03-01T10:00:00.000Z");
const noDesired = {
  list: () => Promise.resolve([]),
  get: () => Promise.resolve(undefined),
  put: () => Promise.reject(new Error("unused")),
};

describe("resolveRecoveredScopes", () => {
  it("dispatches a clean report for a scope read again and drops it from GET /api/profiles", async () => {
    const reports = new MemoryReportStore();
    await reports.save(auditErrorReport("/subscriptions/a", "ARM answered 503", NOW));
    const alerts = new FakeAlerts();
    const result = await resolveRecoveredScopes({ clock: fixedClock(), reports, alerts }, []);
    expect(result.scopes).toEqual(["/subscriptions/a"]);
    expect(alerts.dispatched[0]?.map((r) => [r.profile, r.findings])).toEqual([["/subscriptions/a", []]]);
    const listed = await listProfiles({ desired: noDesired as never, reports });
    expect(listed.map((p) => p.profile)).toEqual([]);
  });

  it("keeps a scope that still fails", async () => {
    const reports = new MemoryReportStore();
    await reports.save(auditErrorReport("/subscriptions/a", "ARM answered 503", NOW));
    const alerts = new FakeAlerts();
    const failure = { scope: "/subscriptions/a", profiles: [], reason: "upstream" as const, message: "503" };
    await resolveRecoveredScopes({ clock: fixedClock(), reports, alerts }, [failure]);
    expect(alerts.dispatched).toEqual([]);
    expect((await reports.listLatest()).map((r) => r.profile)).toEqual(["/subscriptions/a"]);
  });
});
