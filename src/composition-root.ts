import type { AlertDispatcher } from "./app/ports/alert-dispatcher.js";
import type { AuditQueue } from "./app/ports/audit-queue.js";
import { createAuditQueue } from "./adapters/queue/create-audit-queue.js";
import type { Clock } from "./app/ports/clock.js";
import { systemClock } from "./app/ports/clock.js";
import type { DesiredStateStore } from "./app/ports/desired-state-store.js";
import type { DnsResolver } from "./app/ports/dns-resolver.js";
import type { EndpointProber } from "./app/ports/endpoint-prober.js";
import type { LiveProfileSource } from "./app/ports/live-profile-source.js";
import type { ProbeStateStore } from "./app/ports/probe-state-store.js";
import type { ReportStore } from "./app/ports/report-store.js";
import type { AppConfig } from "./config/load-config.js";
import { createDnsResolver } from "./adapters/dns/create-dns-resolver.js";
import { createEndpointProber } from "./adapters/probe/create-prober.js";
import { createStores } from "./adapters/store/create-stores.js";
import { createAlertDispatcher } from "./adapters/notify/create-alert-dispatcher.js";
import { createLiveSource } from "./adapters/arm/create-live-source.js";
import type { TrafficManagerWriter } from "./app/ports/traffic-manager-writer.js";
import { createArmClients } from "./adapters/arm/create-arm-clients.js";
import { createTrafficManagerWriter } from "./adapters/arm/create-traffic-manager-writer.js";
import type { SilenceStore } from "./app/ports/silence-store.js";
import { SilenceBook } from "./app/silences/silence-book.js";
import { MemorySilenceRecords } from "./adapters/memory/memory-silence-records.js";
import { TableSilenceRecords } from "./adapters/store/table-silence-records.js";

import type { DrillQueue, LocalDrillQueue } from "./app/ports/drill-queue.js";
import type { DrillStore } from "./app/ports/drill-store.js";
import { drillDepsFromRuntime } from "./app/drills/drill-runtime.js";
import { runDrillStep } from "./app/drills/run-drill-step.js";
import { MemoryDrillStore } from "./adapters/memory/memory-drill-store.js";
import { TableDrillStore } from "./adapters/store/table-drill-store.js";
import { createInProcessDrillQueue } from "./adapters/queue/in-process-drill-queue.js";
import { createStorageDrillQueue } from "./adapters/queue/storage-drill-queue.js";

/** Every port wired to a real adapter. Built once per process (function host, CLI or `serve`). */
export interface Runtime {
  config: AppConfig;
  clock: Clock;
  live: LiveProfileSource;
  desired: DesiredStateStore;
  reports: ReportStore;
  probeState: ProbeStateStore;
  prober: EndpointProber;
  dns: DnsResolver;
  alerts: AlertDispatcher;
  /** Fan-out queue between the audit timer and `audit-profile`; absent without storage (then audits run inline). */
  auditQueue?: AuditQueue;
  /** PATCHes Traffic Manager; refuses (FORBIDDEN) unless TM_ENABLE_WRITE_FEATURES is on. */
  writer: TrafficManagerWriter;
  /** Silences (docs/silences.md): in the state table when storage is configured, else in memory. */
  silences: SilenceStore;
  /** Failover drills and their profile leases (docs/drills.md). */
  drills: DrillStore;
  /** Carries drill steps: the Storage Queue DRILL_QUEUE, or `localDrills` (DRILL_RUNNER). */
  drillQueue: DrillQueue;
  /** Present when drill steps run in this process (CLI, `serve`, no storage). */
  localDrills?: LocalDrillQueue;
  /** Releases sockets and clients; safe to call twice. */
  close(): Promise<void>;
}

/** The only place that turns configuration into adapters. Tests build their own Runtime. */
export async function buildRuntime(config: AppConfig, clock: Clock = systemClock): Promise<Runtime> {
  // One set of ARM clients (one credential) for reading and writing, only when ARM is used.
  const armClients = config.arm.watch.length > 0 ? createArmClients(config) : undefined;
  const live: LiveProfileSource = createLiveSource(config, armClients);
  const writer: TrafficManagerWriter = createTrafficManagerWriter(config, armClients);
  const stores = await createStores(config, { clock });
  const desired: DesiredStateStore = stores.desired;
  const reports: ReportStore = stores.reports;
  // Table-backed when storage is configured, else in memory (createStores decides).
  const probeState: ProbeStateStore = stores.probeState;
  const prober: EndpointProber = createEndpointProber({ concurrency: config.probe.concurrency });
  const dns: DnsResolver = createDnsResolver(
    config.probe.dnsServers === undefined ? {} : { servers: config.probe.dnsServers },
  );
  const auditQueue = createAuditQueue(config.host);
  const alerts: AlertDispatcher = createAlertDispatcher(config, {
    clock,
    ...(stores.tables && { tables: stores.tables }),
    // stderr: stdout may carry a JSON report (`audit --once --format json`).
    write: (line) => void process.stderr.write(`${line}\n`),
  });
  const silences: SilenceStore = new SilenceBook(
    stores.tables
      ? new TableSilenceRecords(stores.tables, config.store.tables.state)
      : new MemorySilenceRecords(),
    clock,
  );
  const drills: DrillStore = stores.tables
    ? new TableDrillStore(stores.tables, config.drills.table)
    : new MemoryDrillStore();
  const queued =
    config.drills.runner === "in-process"
      ? undefined
      : createStorageDrillQueue(config.host, config.drills.queue);
  const localDrills = queued
    ? undefined
    : createInProcessDrillQueue({
        onError: (e) => void process.stderr.write(`drill step failed (retrying once): ${String(e)}\n`),
      });
  const rt: Runtime = {
    config,
    clock,
    live,
    desired,
    reports,
    probeState,
    prober,
    dns,
    alerts,
    writer,
    ...(auditQueue ? { auditQueue } : {}),
    silences,
    drills,
    drillQueue: queued ?? localDrills!,
    ...(localDrills ? { localDrills } : {}),
    close: async () => {
      localDrills?.close();
      if (prober.close) await prober.close();
    },
  };
  // In-process steps run the same use case as the drill-step queue trigger.
  localDrills?.attach(async (message) => {
    await runDrillStep(drillDepsFromRuntime(rt), message);
  });
  return rt;
}
