import type { AlertDispatcher } from "./app/ports/alert-dispatcher.js";
import type { Clock } from "./app/ports/clock.js";
import { systemClock } from "./app/ports/clock.js";
import type { DesiredStateStore } from "./app/ports/desired-state-store.js";
import type { DnsResolver } from "./app/ports/dns-resolver.js";
import type { EndpointProber } from "./app/ports/endpoint-prober.js";
import type { LiveProfileSource } from "./app/ports/live-profile-source.js";
import type { ProbeStateStore } from "./app/ports/probe-state-store.js";
import type { ReportStore } from "./app/ports/report-store.js";
import type { AppConfig } from "./config/load-config.js";

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
  /** Releases sockets and clients; safe to call twice. */
  close(): Promise<void>;
}

/** Placeholder for an area not wired yet: building succeeds, using it fails loudly. */
function notWired<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_t, prop) {
      if (prop === "then") return undefined;
      throw new Error(`composition root: ${what} is not wired yet (used .${String(prop)})`);
    },
  });
}

/** The only place that turns configuration into adapters. Tests build their own Runtime. */
export async function buildRuntime(config: AppConfig, clock: Clock = systemClock): Promise<Runtime> {
  // WIRING (each area replaces its own line with its factory call):
  const live: LiveProfileSource = notWired<LiveProfileSource>("live profile source (issue 4)");
  const desired: DesiredStateStore = notWired<DesiredStateStore>("desired state store (issue 5)");
  const reports: ReportStore = notWired<ReportStore>("report store (issue 5)");
  const probeState: ProbeStateStore = notWired<ProbeStateStore>("probe state store (issue 3)");
  const prober: EndpointProber = notWired<EndpointProber>("prober (issue 3)");
  const dns: DnsResolver = notWired<DnsResolver>("dns resolver (issue 3)");
  const alerts: AlertDispatcher = notWired<AlertDispatcher>("alert dispatcher (issue 6)");
  await Promise.resolve();
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
    close: async () => {
      if (prober.close) await prober.close();
    },
  };
}
