import { createDnsResolver } from "../../../src/adapters/dns/create-dns-resolver.js";
import { MemoryReportStore } from "../../../src/adapters/memory/memory-report-store.js";
import { MemorySilenceRecords } from "../../../src/adapters/memory/memory-silence-records.js";
import { createInProcessDrillQueue } from "../../../src/adapters/queue/in-process-drill-queue.js";
import { TableDrillStore } from "../../../src/adapters/store/table-drill-store.js";
import type { DrillDeps } from "../../../src/app/drills/drill-deps.js";
import { runDrillStep } from "../../../src/app/drills/run-drill-step.js";
import type { Clock } from "../../../src/app/ports/clock.js";
import type { LocalDrillQueue } from "../../../src/app/ports/drill-queue.js";
import { SilenceBook } from "../../../src/app/silences/silence-book.js";
import type { Drill } from "../../../src/core/drill/drill.js";
import type { ArmHarness } from "../arm-source-harness.js";
import { ScriptedProber } from "../fakes/audit-fakes.js";
import type { TrafficManagerModel } from "../traffic-manager-model.js";
import { azuriteTables, uniqueTableName } from "./table-store-builders.js";

export interface DrillRig {
  deps: DrillDeps;
  queue: LocalDrillQueue;
  silences: SilenceBook;
  /** Every saved state, in order (what the CLI prints). */
  states: Drill[];
}

/** Clock that can jump ahead (crash-recovery tests). */
export function shiftableClock(): Clock & { shift(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), shift: (ms) => void (offset += ms) };
}

/**
 * Drill deps on the real ARM client (local stand-in), the model's loopback DNS, a fresh drill
 * table on Azurite and an in-process queue. Our "probe" finds the model's unhealthy endpoints down.
 */
export function drillRig(
  harness: ArmHarness,
  watch: string,
  model: TrafficManagerModel,
  settings: Partial<DrillDeps["settings"]> = {},
  clock: Clock = { now: () => new Date() },
): DrillRig {
  const queue = createInProcessDrillQueue();
  const states: Drill[] = [];
  const silences = new SilenceBook(new MemorySilenceRecords(), clock);
  const deps: DrillDeps = {
    clock,
    live: harness.source(watch),
    dns: createDnsResolver({ servers: [model.dns], timeoutMs: 1000 }),
    prober: new ScriptedProber(model.unhealthy),
    reports: new MemoryReportStore(),
    drills: new TableDrillStore(azuriteTables(), uniqueTableName("drills")),
    queue,
    writer: harness.writer(),
    silences,
    settings: { deadlineSeconds: 5, pollSeconds: 0.1, stallSeconds: 60, ...settings },
    onStep: (d) => void states.push(d),
  };
  queue.attach(async (message) => {
    await runDrillStep(deps, message);
  });
  return { deps, queue, silences, states };
}
