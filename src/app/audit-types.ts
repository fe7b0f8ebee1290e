import type { ServingBasis } from "../core/report.js";
import type { AlertDispatcher } from "./ports/alert-dispatcher.js";
import type { Clock } from "./ports/clock.js";
import type { DesiredStateStore } from "./ports/desired-state-store.js";
import type { DnsResolver } from "./ports/dns-resolver.js";
import type { EndpointProber } from "./ports/endpoint-prober.js";
import type { LiveProfileSource } from "./ports/live-profile-source.js";
import type { ProbeStateStore } from "./ports/probe-state-store.js";
import type { ReportStore } from "./ports/report-store.js";
import type { StatusHistoryStore } from "./ports/status-history-store.js";
import type { SilenceStore } from "./ports/silence-store.js";
import type { DrillStore } from "./ports/drill-store.js";
import type { ReconcileHook } from "./reconcile/auto-reconcile.js";

// The audit use case's inputs, apart from run-audit.ts so audit-one-profile.ts can share them
// without importing the module that imports it.

export interface AuditDeps {
  live: LiveProfileSource;
  desired: Pick<DesiredStateStore, "list" | "get">;
  probeState: ProbeStateStore;
  clock: Clock;
  prober?: EndpointProber;
  dns?: DnsResolver;
  reports?: ReportStore;
  alerts?: AlertDispatcher;
  /** Compact per-profile history for the status page; recorded after each report is saved. */
  statusHistory?: StatusHistoryStore;
  /** Auto-reconcile after each profile's audit (desired `reconcile: plan|apply`); the timer sets it. */
  reconcile?: ReconcileHook;
  /** Silences to mark findings with (read once per audit); none when absent. */
  silences?: Pick<SilenceStore, "active">;
  /** Drill history, for DRILL_FAILED / DRILL_PASSED / DRILL_SKIPPED (docs/drills.md). */
  drills?: Pick<DrillStore, "list" | "listMany">;
}

export interface AuditOptions {
  /** Probe endpoints ourselves (needs `deps.prober`). */
  probe: boolean;
  /**
   * Which statuses decide the serving endpoint when verdicts exist (else Traffic Manager's);
   * undefined: the one default rule, defaultServingBasis (core/serving-basis.ts).
   */
  basis?: ServingBasis | undefined;
  /** CERT_EXPIRING warning at this many days left or fewer (CERT_WARN_DAYS). */
  certWarningDays: number;
  /** CERT_EXPIRING critical at this many days left or fewer (CERT_CRITICAL_DAYS; default 7). */
  certCriticalDays?: number;
  /** Profiles audited at once. */
  profileConcurrency: number;
  /** Check desired vanityDomains' CNAME chains (needs `deps.dns`). */
  checkDns: boolean;
}
