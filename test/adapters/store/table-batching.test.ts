import { TableClient } from "@azure/data-tables";
import { describe, expect, inject, it } from "vitest";
import { TableProbeStateStore } from "../../../src/adapters/store/table-probe-state-store.js";
import { TableReportStore } from "../../../src/adapters/store/table-report-store.js";
import { escapeKey } from "../../../src/adapters/store/table-keys.js";
import { crossesPruneMoment } from "../../../src/adapters/store/table-report-batch.js";
import type { Report } from "../../../src/core/report.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";
import { aStatusReport } from "../../support/builders/status-builders.js";

const clock = { now: () => new Date("2026-03-01T01:00:00.000Z") };

/** A report of `profile` at `generatedAt` (the status builders' report, renamed). */
const aReport = (profile: string, generatedAt: string): Report =>
  aStatusReport({ profile, profileId: `/subscriptions/${profile}`, generatedAt });

const keys = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}/rg/p${String(i).padStart(3, "0")}`);

describe("batched table writes (Azurite)", () => {
  it("saves 150 reports' latest rows in entity-group transactions and reads them back in one range", async () => {
    const store = new TableReportStore(azuriteTables(), uniqueTableName("batchreports"), 30, clock);
    const profiles = keys(150, "sub-batch");
    const failed = await store.saveMany(profiles.map((p) => aReport(p, "2026-03-01T00:05:00.000Z")));
    expect(failed.size).toBe(0);
    const latest = await store.latestMany(profiles);
    expect(latest.size).toBe(150);
    expect((await store.history(profiles[7]!)).map((r) => r.generatedAt)).toEqual([
      "2026-03-01T00:05:00.000Z",
    ]);
    expect((await store.latest(profiles[149]!))?.generatedAt).toBe("2026-03-01T00:05:00.000Z");
  });

  it("never replaces a newer latest report with an older one, in a batch or row by row", async () => {
    const store = new TableReportStore(azuriteTables(), uniqueTableName("batchcond"), 30, clock);
    const [a, b, c] = keys(3, "sub-cond");
    await store.save(aReport(b!, "2026-03-01T00:10:00.000Z"));
    const failed = await store.saveMany([
      aReport(a!, "2026-03-01T00:05:00.000Z"),
      // It says something else, so it joins the history (history keeps changes only).
      { ...aReport(b!, "2026-03-01T00:05:00.000Z"), servingEndpoint: null },
      aReport(c!, "2026-03-01T00:05:00.000Z"),
    ]);
    expect(failed.size).toBe(0);
    expect((await store.latest(b!))?.generatedAt).toBe("2026-03-01T00:10:00.000Z");
    expect((await store.latest(a!))?.generatedAt).toBe("2026-03-01T00:05:00.000Z");
    // The older report still joins the history.
    expect((await store.history(b!)).map((r) => r.generatedAt)).toEqual([
      "2026-03-01T00:10:00.000Z",
      "2026-03-01T00:05:00.000Z",
    ]);
    await store.saveMany([aReport(b!, "2026-03-01T00:15:00.000Z")]);
    expect((await store.latest(b!))?.generatedAt).toBe("2026-03-01T00:15:00.000Z");
  });

  it("keeps probe counters per subscription partition, batched, and still reads counters of the old layout", async () => {
    const table = uniqueTableName("batchprobe");
    const store = new TableProbeStateStore(azuriteTables(), table);
    const profiles = keys(120, "sub-probe");
    await store.saveMany(new Map(profiles.map((p, i) => [p, { web: { consecutiveFailures: i } }])));
    const loaded = await store.loadMany([...profiles.slice(10, 30), "sub-probe/rg/none"]);
    expect(loaded.size).toBe(21);
    expect(loaded.get(profiles[12]!)).toEqual({ web: { consecutiveFailures: 12 } });
    expect(loaded.get("sub-probe/rg/none")).toEqual({});
    expect(await store.load(profiles[99]!)).toEqual({ web: { consecutiveFailures: 99 } });

    const client = TableClient.fromConnectionString(inject("azuriteConnectionString"), table, {
      allowInsecureConnection: true,
    });
    await client.upsertEntity({
      partitionKey: escapeKey("old/rg/p"),
      rowKey: "probe",
      profile: "old/rg/p",
      counters0: JSON.stringify({ web: { consecutiveFailures: 4 } }),
      countersParts: 1,
    });
    expect(await store.load("old/rg/p")).toEqual({ web: { consecutiveFailures: 4 } });
    // The batch read finds it too, with one more query for the profiles the new layout lacks.
    const batch = await store.loadMany(["old/rg/p", profiles[3]!, "old/rg/q"]);
    expect(batch.get("old/rg/p")).toEqual({ web: { consecutiveFailures: 4 } });
    expect(batch.get(profiles[3]!)).toEqual({ web: { consecutiveFailures: 3 } });
    expect(batch.get("old/rg/q")).toEqual({});
    await store.save("old/rg/p", { web: { consecutiveFailures: 5 } });
    expect(await store.load("OLD/rg/p")).toEqual({ web: { consecutiveFailures: 5 } });
  });

  it("prunes each profile's history once a day, at a moment of its own", () => {
    const start = Date.parse("2026-03-01T00:00:00.000Z");
    const at = (i: number) => new Date(start + i * 300_000).toISOString();
    for (const profile of ["s/rg/a", "s/rg/b", "s/rg/c"]) {
      const crossings = Array.from({ length: 288 }, (_, i) => crossesPruneMoment(profile, at(i), at(i + 1)));
      expect(crossings.filter(Boolean)).toHaveLength(1);
    }
  });
});
