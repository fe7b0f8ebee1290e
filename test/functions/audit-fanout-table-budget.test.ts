import { InvocationContext, type Timer } from "@azure/functions";
import { describe, expect, inject, it } from "vitest";
import { createAlertDispatcher } from "../../src/adapters/notify/create-alert-dispatcher.js";
import { createStores } from "../../src/adapters/store/create-stores.js";
import { TableDrillStore } from "../../src/adapters/store/table-drill-store.js";
import { TableSilenceRecords } from "../../src/adapters/store/table-silence-records.js";
import { SilenceBook } from "../../src/app/silences/silence-book.js";
import type { Runtime } from "../../src/composition-root.js";
import { loadConfig } from "../../src/config/load-config.js";
import { auditProfileFunction } from "../../src/functions/audit-profile.js";
import { auditTimerFunction } from "../../src/functions/audit-timer.js";
import { anEstate, buildFanoutRuntime, type FanoutRuntime } from "../support/builders/fanout-runtime.js";
import { uniqueTableName } from "../support/builders/table-store-builders.js";
import { runQueueHost } from "../support/queue-host.js";
import { countTableRequests } from "../support/table-request-log.js";

/**
 * Issue 16's Table budget, asserted on what Azurite is sent: a steady fan-out cycle costs at
 * most one Table request per profile, all stores on Table storage (reports and their history,
 * status history, alert state and outbox, drills, silences, desired states).
 */
const connectionString = inject("azuriteConnectionString");
const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: "", next: "", lastUpdated: "" },
};
const context = () => new InvocationContext({ functionName: "audit", logHandler: () => undefined });

async function tableRuntime(profiles: number): Promise<Runtime & Pick<FanoutRuntime, "clock">> {
  const base = buildFanoutRuntime(anEstate(profiles));
  const config = loadConfig({
    PROBE_ENABLED: "false",
    AUDIT_QUEUE: base.config.host.auditQueue,
    AzureWebJobsStorage: connectionString,
    TABLE_DESIRED: uniqueTableName("bdes"),
    TABLE_REPORTS: uniqueTableName("brep"),
    TABLE_STATE: uniqueTableName("bst"),
    TABLE_DRILLS: uniqueTableName("bdr"),
  });
  const stores = await createStores(config, { clock: base.clock });
  const tables = stores.tables!;
  const silences = new SilenceBook(new TableSilenceRecords(tables, config.store.tables.state), base.clock);
  return {
    ...base,
    config,
    desired: stores.desired,
    reports: stores.reports,
    probeState: stores.probeState,
    statusHistory: stores.statusHistory,
    alerts: createAlertDispatcher(config, { clock: base.clock, tables, write: () => undefined }),
    silences,
    activeSilences: silences,
    drills: new TableDrillStore(tables, config.drills.table),
  };
}

async function fanOutCycle(rt: Runtime): Promise<void> {
  await auditTimerFunction.create(rt)(timer, context());
  const handler = auditProfileFunction.create(rt);
  await runQueueHost((message) => handler(message, context()), {
    connectionString,
    queueName: rt.config.host.auditQueue,
  });
}

describe("Table requests of a fanned-out cycle (issue 16)", () => {
  it("stay at or below one per profile in the steady cycle, with no report-history row rewritten", async () => {
    const profiles = 300;
    const rt = await tableRuntime(profiles);
    await fanOutCycle(rt); // first cycle: every state, report and history row is new
    rt.clock.advance(300_000);
    const steady = await countTableRequests(connectionString, () => fanOutCycle(rt));
    const total = steady.read + steady.transaction + steady.other;
    expect(total).toBeLessThanOrEqual(profiles);
    // Single-entity writes would be report-history rows or alert states: nothing changed.
    expect(steady.other).toBe(0);
    expect((await rt.reports.listLatest()).length).toBe(profiles);
  });
});
