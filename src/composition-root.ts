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
  /** Compact per-profile history for the status page (recorded by every audit when present). */
  statusHistory?: StatusHistoryStore;
  /** Active silences for the status page; wired once silences exist (issue 13), else the page shows none. */
  activeSilences?: ActiveSilenceSource;
  /** Releases sockets and clients; safe to call twice. */
  close(): Promise<void>;
}

/** The only place that turns configuration into adapters. Tests build their own Runtime. */
export async function buildRuntime(config: AppConfig, clock: Clock = systemClock): Promise<Runtime> {
  const { connectionString } = config.telemetry;
  // Loaded only when configured: the exporter's import would otherwise lengthen every cold start.
  const monitor = connectionString
    ? (await import("./adapters/monitor/start-azure-monitor.js")).startAzureMonitor({
        ...config.telemetry,
        connectionString,
      })
    : undefined;
  const live: LiveProfileSource = createLiveSource(config);
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
  return {
    config,
    clock,
    live,
    desired,
    reports,
    probeState,
    prober,
    dns,
    alerts,
    ...(auditQueue ? { auditQueue } : {}),
    statusHistory: stores.statusHistory,
    close: async () => {
      if (prober.close) await prober.close();
      await monitor?.shutdown();
    },
  };
}
