import { TableClient } from "@azure/data-tables";
import { describe, expect, inject, it } from "vitest";
import type { TableClientFactory } from "../../../src/adapters/store/table-client-factory.js";
import { TableStatusHistoryStore } from "../../../src/adapters/store/table-status-history-store.js";
import type { Report } from "../../../src/core/report.js";
import type { StatusEvent } from "../../../src/core/status/status-history.js";
import { aReportEndpoint, aStatusReport, warning } from "../../support/builders/status-builders.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";
import { countTableRequests } from "../../support/table-request-log.js";

const connectionString = inject("azuriteConnectionString");
const profiles = (n: number) =>
  Array.from({ length: n }, (_, i) => `sub1/rg1/p${String(i).padStart(3, "0")}`);

function aReport(profile: string, generatedAt: string, failed = false): Report {
  return aStatusReport({
    profile,
    generatedAt,
    servingEndpoint: failed ? "web-westus" : "web-eastus",
    endpoints: [
      aReportEndpoint({ tmStatus: failed ? "Degraded" : "Online" }),
      aReportEndpoint({ name: "web-westus", priority: 2 }),
    ],
    findings: failed ? [warning("PRIMARY_NOT_SERVING", "web-eastus")] : [],
  });
}

/** One cycle of every profile; profile i fails in the cycles `failing(i)` says. */
const cycle = (keys: string[], at: string, failing: (i: number) => boolean) =>
  keys.map((p, i) => aReport(p, at, failing(i)));

/**
 * A table factory whose client runs `beforeTransaction` hooks, one per transaction in order, just
 * before the transaction is sent: another writer getting in between the batch's read and write.
 */
function racingTables(beforeTransaction: (() => Promise<unknown>)[]): TableClientFactory {
  const tables = azuriteTables();
  return {
    client: async (name) => {
      const client = await tables.client(name);
      const submit = client.submitTransaction.bind(client);
      client.submitTransaction = async (actions, options) => {
        await beforeTransaction.shift()?.();
        return submit(actions, options);
      };
      return client;
    },
  };
}

const query = {
  samplesSince: new Date("2026-03-01T00:00:00.000Z"),
  eventsSince: new Date("2026-02-23T00:00:00.000Z"),
};

async function rowsOfDay(table: string, day: string): Promise<string[]> {
  const client = TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true });
  const rows: string[] = [];
  const filter = `PartitionKey eq 'status-${day}'`;
  for await (const row of client.listEntities({ queryOptions: { filter } }))
    rows.push(String(row["profile"]));
  return rows;
}

describe("TableStatusHistoryStore.recordMany (Azurite)", () => {
  it("leaves the same history as record per report, across UTC midnight and with a conflicting writer", async () => {
    const keys = profiles(6);
    const cycles = [
      cycle(keys, "2026-02-21T12:00:00.000Z", () => false),
      cycle(keys, "2026-02-22T12:00:00.000Z", () => false),
      cycle(keys, "2026-03-01T23:50:00.000Z", (i) => i % 2 === 0),
      cycle(keys, "2026-03-01T23:55:00.000Z", (i) => i % 3 === 0),
      cycle(keys, "2026-03-02T00:01:00.000Z", (i) => i === 1),
      cycle(keys, "2026-03-02T00:06:00.000Z", () => false),
      cycle(keys, "2026-03-02T00:11:00.000Z", (i) => i >= 4),
    ];
    // Audit-now of one profile between the batch's read and its transaction: on the first cycle
    // after midnight it creates the day row the batch meant to create (409), one cycle later it
    // replaces a row the batch read (412).
    const auditNow = new Map([
      [4, aReport(keys[1]!, "2026-03-02T00:00:30.000Z", true)],
      [5, aReport(keys[2]!, "2026-03-02T00:05:30.000Z", true)],
    ]);
    const oneByOne = new TableStatusHistoryStore(azuriteTables(), uniqueTableName("histone"));
    const batchTable = uniqueTableName("histmany");
    const otherWriter = new TableStatusHistoryStore(azuriteTables(), batchTable);
    const hooks: (() => Promise<unknown>)[] = [];
    const batched = new TableStatusHistoryStore(racingTables(hooks), batchTable);
    const eventsOne: StatusEvent[][] = [];
    const eventsMany: StatusEvent[][] = [];

    for (const [n, reports] of cycles.entries()) {
      const now = auditNow.get(n);
      if (now) await oneByOne.record(now);
      for (const r of reports) eventsOne.push(await oneByOne.record(r));
      hooks.length = 0;
      if (now) hooks.push(() => otherWriter.record(now));
      const result = await batched.recordMany(reports);
      for (const r of reports) {
        const events = result.get(r.profile);
        if (!Array.isArray(events)) throw new Error(`no events for ${r.profile}: ${String(events)}`);
        eventsMany.push(events);
      }
      expect(hooks).toHaveLength(0); // the conflicting write did happen
    }

    expect(eventsMany).toEqual(eventsOne);
    expect(eventsMany.flat().length).toBeGreaterThan(10);
    const expected = await oneByOne.read(query);
    expect(await batched.read(query)).toEqual(expected);
    expect(expected.get(keys[1]!)?.samples).toHaveLength(6); // five cycles since 03-01 and the audit-now
    // Rows eight days before a new day row are pruned, by the batch (02-21) and row by row (02-22).
    expect(await rowsOfDay(batchTable, "2026-02-21")).toEqual([]);
    expect(await rowsOfDay(batchTable, "2026-02-22")).toEqual([]);
    expect(await rowsOfDay(batchTable, "2026-03-01")).toHaveLength(6);
  });

  it("applies several reports of one profile in one call in the order given, like record", async () => {
    const [a, b] = profiles(2);
    const reports = [
      aReport(a!, "2026-03-01T23:55:00.000Z"),
      aReport(b!, "2026-03-01T23:55:00.000Z"),
      aReport(a!, "2026-03-02T00:00:00.000Z", true),
      aReport(a!, "2026-03-02T00:05:00.000Z"),
    ];
    const oneByOne = new TableStatusHistoryStore(azuriteTables(), uniqueTableName("historder"));
    const batched = new TableStatusHistoryStore(azuriteTables(), uniqueTableName("historderm"));
    for (const r of reports) await oneByOne.record(r);

    const result = await batched.recordMany(reports);

    expect((result.get(a!) as StatusEvent[]).map((e) => e.kind)).toEqual([
      "failover",
      "opened",
      "failover",
      "resolved",
    ]);
    expect(await batched.read(query)).toEqual(await oneByOne.read(query));
  });

  it("records 50 profiles with one range read and one transaction on a steady day", async () => {
    const keys = profiles(50);
    const store = new TableStatusHistoryStore(azuriteTables(), uniqueTableName("histcount"));
    await store.recordMany(cycle(keys, "2026-03-01T23:55:00.000Z", () => false));

    const newDay = await countTableRequests(connectionString, () =>
      store.recordMany(cycle(keys, "2026-03-02T00:00:00.000Z", (i) => i === 7)),
    );
    const steady = await countTableRequests(connectionString, () =>
      store.recordMany(cycle(keys, "2026-03-02T00:05:00.000Z", () => false)),
    );

    expect(steady).toEqual({ read: 1, transaction: 1, other: 0 });
    // New day: today's rows (none), yesterday's tails, the transaction, the rows eight days old (none).
    expect(newDay).toEqual({ read: 3, transaction: 1, other: 0 });
    const history = await store.read(query);
    expect(history.get(keys[7]!)?.events.map((e) => e.kind)).toEqual([
      "failover",
      "opened",
      "failover",
      "resolved",
    ]);
    expect(history.get(keys[49]!)?.samples).toHaveLength(3);
  });
});
