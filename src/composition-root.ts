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
import type { StatusHistoryStore } from "./app/ports/status-history-store.js";
import type { ActiveSilenceSource } from "./app/status-page.js";
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
import type { TokenCredential } from "@azure/core-auth";
import { createAzureCredential } from "./adapters/identity/azure-credential.js";

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
  /** Compact per-profile history for the status page (recorded by every audit when present). */
  statusHistory?: StatusHistoryStore;
  /** Active silences for the status page; wired once silences exist (issue 13), else the page shows none. */
  activeSilences?: ActiveSilenceSource;
  /** Failover drills and their profile leases (docs/drills.md). */
  drills: DrillStore;
  /** Carries drill steps: the Storage Queue DRILL_QUEUE, or `localDrills` (DRILL_RUNNER). */
  drillQueue: DrillQueue;
  /** Present when drill steps run in this process (CLI, `serve`, no storage). */
  localDrills?: LocalDrillQueue;
  /**
   * Stops in-process drill steps, closes the prober's sockets and the alert senders' connections (the SMTP pool); safe to call
   * twice. The ARM, Table and Queue clients hold nothing to close: the Azure SDK pipeline's
   * keep-alive sockets end when idle.
   */
  close(): Promise<void>;
}

/**
 * The process's one Entra ID credential (AZURE_CLIENT_ID: every config section reads the same
 * setting), shared by ARM, Table, Queue and ACS so one token cache serves them all. Constructing
 * it contacts nothing; tokens are fetched on first use.
 */
export function buildCredential(config: AppConfig): TokenCredential {
  return createAzureCredential(config.arm.clientId);
}

/** The only place that turns configuration into adapters. Tests build their own Runtime. */
export async function buildRuntime(config: AppConfig, clock: Clock = systemClock): Promise<Runtime> {
  const credential = buildCredential(config);
  const { connectionString } = config.telemetry;
  // Loaded only when configured: the exporter's import would otherwise lengthen every cold start.
  const monitor = connectionString
    ? (await import("./adapters/monitor/start-azure-monitor.js")).startAzureMonitor(
        {
          ...config.telemetry,
          connectionString,
        },
        credential,
      )
    : undefined;
  // One set of ARM clients on the shared credential for reading and writing, only when ARM is used.
  const armClients = config.arm.watch.length > 0 ? createArmClients(config, credential) : undefined;
  const live: LiveProfileSource = createLiveSource(config, armClients);
  const writer: TrafficManagerWriter = createTrafficManagerWriter(config, armClients);
  const stores = await createStores(config, { clock, credential });
  const desired: DesiredStateStore = stores.desired;
  const reports: ReportStore = stores.reports;
  // Table-backed when storage is configured, else in memory (createStores decides).
  const probeState: ProbeStateStore = stores.probeState;
  const prober: EndpointProber = createEndpointProber({ concurrency: config.probe.concurrency });
  const dns: DnsResolver = createDnsResolver(
    config.probe.dnsServers === undefined ? {} : { servers: config.probe.dnsServers },
  );
  const auditQueue = createAuditQueue(config.host, credential);
  const alerts: AlertDispatcher = createAlertDispatcher(config, {
    clock,
    credential,
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
      : createStorageDrillQueue(config.host, config.drills.queue, credential);
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
    activeSilences: silences,
    statusHistory: stores.statusHistory,
    drills,
    drillQueue: queued ?? localDrills!,
    ...(localDrills ? { localDrills } : {}),
    close: async () => {
      localDrills?.close();
      if (prober.close) await prober.close();
      if (alerts.close) await alerts.close();
      await monitor?.shutdown();
    },
  };
  // In-process steps run the same use case as the drill-step queue trigger.
  localDrills?.attach(async (message) => {
    await runDrillStep(drillDepsFromRuntime(rt), message);
  });
  return rt;
}
