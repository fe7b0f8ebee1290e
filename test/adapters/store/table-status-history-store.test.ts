import { describe, expect, it } from "vitest";
import { TableStatusHistoryStore } from "../../../src/adapters/store/table-status-history-store.js";
import { aReportEndpoint, aStatusReport, warning } from "../../support/builders/status-builders.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";

const store = () => new TableStatusHistoryStore(azuriteTables(), uniqueTableName("statushist"));
const at = (iso: string, failed = false) =>
  aStatusReport({
    generatedAt: iso,
    servingEndpoint: failed ? "web-westus" : "web-eastus",
    endpoints: [
      aReportEndpoint({ tmStatus: failed ? "Degraded" : "Online" }),
      aReportEndpoint({ name: "web-westus", priority: 2 }),
    ],
    findings: failed ? [warning("PRIMARY_NOT_SERVING", "web-eastus")] : [],
  });
const query = (now: string) => ({
  samplesSince: new Date(Date.parse(now) - 86_400_000),
  eventsSince: new Date(Date.parse(now) - 7 * 86_400_000),
});

describe("TableStatusHistoryStore (Azurite)", () => {
  it("returns the events an audit caused, including a failover across midnight", async () => {
    const s = store();
    expect(await s.record(at("2026-03-01T23:55:00.000Z"))).toEqual([]);
    const events = await s.record(at("2026-03-02T00:00:00.000Z", true));
    expect(events.map((e) => e.kind)).toEqual(["failover", "opened"]);
  });

  it("reads samples of the last day and events of the last week for every profile", async () => {
    const s = store();
    await s.record(at("2026-02-20T10:00:00.000Z"));
    await s.record(at("2026-02-20T10:05:00.000Z", true)); // 9 days before: outside both windows
    await s.record(at("2026-03-01T09:00:00.000Z"));
    await s.record(at("2026-03-01T09:05:00.000Z", true));
    await s.record({ ...at("2026-03-01T09:05:00.000Z"), profile: "sub1/rg1/fabrikam" });
    const history = await s.read(query("2026-03-01T10:00:00.000Z"));
    const contoso = history.get("sub1/rg1/contoso")!;
    expect(contoso.samples.map((x) => [x.at, x.serving])).toEqual([
      ["2026-03-01T09:00:00.000Z", "web-eastus"],
      ["2026-03-01T09:05:00.000Z", "web-westus"],
    ]);
    // The gap of nine days leaves no tail to compare with: the first audit after it opens nothing.
    expect(contoso.events.map((e) => e.kind)).toEqual(["failover", "opened"]);
    expect(contoso.tail?.problems.map((p) => p.code)).toEqual(["PRIMARY_NOT_SERVING"]);
    expect(history.get("sub1/rg1/fabrikam")?.samples).toHaveLength(1);
  });

  it("reads one profile alone when asked", async () => {
    const s = store();
    await s.record(at("2026-03-01T09:00:00.000Z"));
    await s.record({ ...at("2026-03-01T09:00:00.000Z"), profile: "sub1/rg1/fabrikam" });
    const history = await s.read({ ...query("2026-03-01T10:00:00.000Z"), profile: "sub1/rg1/fabrikam" });
    expect([...history.keys()]).toEqual(["sub1/rg1/fabrikam"]);
  });

  it("keeps every audit when two record the same profile at once", async () => {
    const s = store();
    await Promise.all([
      s.record(at("2026-03-01T09:00:00.000Z")),
      s.record(at("2026-03-01T09:00:01.000Z")),
      s.record(at("2026-03-01T09:00:02.000Z")),
    ]);
    const history = await s.read(query("2026-03-01T10:00:00.000Z"));
    expect(history.get("sub1/rg1/contoso")?.samples).toHaveLength(3);
  });
});
