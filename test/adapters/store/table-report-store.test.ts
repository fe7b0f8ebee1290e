import { describe, expect, it } from "vitest";
import { TableReportStore } from "../../../src/adapters/store/table-report-store.js";
import type { Report } from "../../../src/core/report.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";
import { aReportEndpoint, aStatusReport } from "../../support/builders/status-builders.js";

let now = new Date("2026-03-01T00:00:00.000Z");
const clock = { now: () => now };
const store = new TableReportStore(azuriteTables(), uniqueTableName("reportstore"), 30, clock);

/** A report of `profile` at `generatedAt` (the status builders' report, renamed). */
const aReport = (profile: string, generatedAt: string): Report =>
  aStatusReport({ profile, profileId: `/subscriptions/${profile}`, generatedAt });

const serving = (report: Report, endpoint: string): Report => ({ ...report, servingEndpoint: endpoint });

/** One endpoint with an Online probe verdict of the given latency: the latency alone is no news. */
function withLatency(report: Report, latencyMs: number): Report {
  const last = { url: "http://127.0.0.1/", protocol: "HTTP", kind: "ok", status: 200, latencyMs };
  return {
    ...report,
    endpoints: [aReportEndpoint({ probe: { status: "Online", consecutiveFailures: 0, last } as never })],
  };
}

describe("TableReportStore", () => {
  it("returns the newest saved report as the latest", async () => {
    await store.save(aReport("s/r/latest", "2026-03-01T00:00:00.000Z"));
    await store.save(aReport("s/r/latest", "2026-03-01T00:05:00.000Z"));
    expect((await store.latest("S/R/Latest"))?.generatedAt).toBe("2026-03-01T00:05:00.000Z");
  });

  it("lists one latest report per profile, not one per history row", async () => {
    await store.save(aReport("s/r/list-a", "2026-03-01T00:00:00.000Z"));
    await store.save(aReport("s/r/list-a", "2026-03-01T00:05:00.000Z"));
    await store.save(aReport("s/r/list-b", "2026-03-01T00:05:00.000Z"));
    const listed = (await store.listLatest()).filter((r) => r.profile.startsWith("s/r/list-"));
    expect(listed.map((r) => [r.profile, r.generatedAt]).sort()).toEqual([
      ["s/r/list-a", "2026-03-01T00:05:00.000Z"],
      ["s/r/list-b", "2026-03-01T00:05:00.000Z"],
    ]);
  });

  it("deletes history older than the retention when the profile is saved again", async () => {
    now = new Date("2026-03-01T00:00:00.000Z");
    await store.save(serving(aReport("s/r/prune", "2026-03-01T00:00:00.000Z"), "web-eastus"));
    now = new Date("2026-03-20T00:00:00.000Z");
    await store.save(serving(aReport("s/r/prune", "2026-03-20T00:00:00.000Z"), "web-westus"));
    now = new Date("2026-04-05T00:00:00.000Z");
    await store.save(serving(aReport("s/r/prune", "2026-04-05T00:00:00.000Z"), "web-eastus"));
    expect((await store.history("s/r/prune")).map((r) => r.generatedAt)).toEqual([
      "2026-04-05T00:00:00.000Z",
      "2026-03-20T00:00:00.000Z",
    ]);
  });

  it("keeps a history row only when the report says something new, row by row and in batches", async () => {
    const profile = "s/r/changes";
    now = new Date("2026-03-01T02:00:00.000Z");
    const at = (m: number) => `2026-03-01T01:${String(m).padStart(2, "0")}:00.000Z`;
    await store.save(withLatency(aReport(profile, at(0)), 5));
    // Same outcome, other probe latency: the latest row moves on, the history does not.
    await store.save(withLatency(aReport(profile, at(5)), 12));
    await store.saveMany([withLatency(aReport(profile, at(10)), 40)]);
    await store.saveMany([serving(withLatency(aReport(profile, at(15)), 7), "web-westus")]);
    await store.save(serving(withLatency(aReport(profile, at(20)), 9), "web-westus"));
    await store.save(withLatency(aReport(profile, at(25)), 5));
    expect((await store.latest(profile))?.generatedAt).toBe(at(25));
    expect((await store.history(profile)).map((r) => r.generatedAt)).toEqual([at(25), at(15), at(0)]);
  });

  it("keeps the newest history row however old it is: it says since when nothing changed", async () => {
    now = new Date("2026-03-01T00:00:00.000Z");
    await store.save(aReport("s/r/quiet", "2026-03-01T00:00:00.000Z"));
    now = new Date("2026-05-01T00:00:00.000Z");
    await store.save(aReport("s/r/quiet", "2026-05-01T00:00:00.000Z"));
    expect((await store.history("s/r/quiet")).map((r) => r.generatedAt)).toEqual([
      "2026-03-01T00:00:00.000Z",
    ]);
  });
});

describe("TableReportStore latest row (issue 10)", () => {
  it("keeps the newer latest report when an older one is saved after it", async () => {
    await store.save(aReport("s/r/race", "2026-03-01T00:10:00.000Z"));
    await store.save(aReport("s/r/race", "2026-03-01T00:05:00.000Z"));
    expect((await store.latest("s/r/race"))?.generatedAt).toBe("2026-03-01T00:10:00.000Z");
  });

  it("leaves one latest report, the newest, when saves of one profile race", async () => {
    const times = [3, 1, 4, 0, 2].map((m) => `2026-03-01T01:0${m}:00.000Z`);
    await Promise.all(times.map((t) => store.save(aReport("s/r/concurrent", t))));
    expect((await store.latest("s/r/concurrent"))?.generatedAt).toBe("2026-03-01T01:04:00.000Z");
  });

  it("removes a latest report so it leaves the list, and removing it again is no error", async () => {
    await store.save(aReport("/subscriptions/gone", "2026-03-01T00:00:00.000Z"));
    await store.remove("/Subscriptions/GONE");
    await store.remove("/subscriptions/gone");
    expect(await store.latest("/subscriptions/gone")).toBeUndefined();
    expect((await store.listLatest()).map((r) => r.profile)).not.toContain("/subscriptions/gone");
  });
});
