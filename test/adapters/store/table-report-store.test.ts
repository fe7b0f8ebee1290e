import { describe, expect, it } from "vitest";
import { TableReportStore } from "../../../src/adapters/store/table-report-store.js";
import type { Report } from "../../../src/core/report.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";

let now = new Date("2026-03-01T00:00:00.000Z");
const clock = { now: () => now };
const store = new TableReportStore(azuriteTables(), uniqueTableName("reportstore"), 30, clock);

function aReport(profile: string, generatedAt: string): Report {
  return {
    profile,
    profileId: `/subscriptions/${profile}`,
    generatedAt,
    routingMethod: "Priority",
    profileStatus: "Enabled",
    derivedMonitorStatus: "Online",
    servingEndpoint: "web-eastus",
    servingBasis: "traffic-manager",
    liveOrder: ["web-eastus", "web-westus"],
    endpoints: [],
    findings: [],
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
    await store.save(aReport("s/r/prune", "2026-03-01T00:00:00.000Z"));
    now = new Date("2026-03-20T00:00:00.000Z");
    await store.save(aReport("s/r/prune", "2026-03-20T00:00:00.000Z"));
    now = new Date("2026-04-05T00:00:00.000Z");
    await store.save(aReport("s/r/prune", "2026-04-05T00:00:00.000Z"));
    expect((await store.history("s/r/prune")).map((r) => r.generatedAt)).toEqual([
      "2026-04-05T00:00:00.000Z",
      "2026-03-20T00:00:00.000Z",
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
