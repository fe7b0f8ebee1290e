import type { CustomHeader, MonitorProtocol, StatusCodeRange } from "./profile.js";
import type { MaintenanceWindow } from "./silences/maintenance.js";

/**
 * The desired state of one profile. Array order of `endpoints` is the failover
 * order, primary first. Only the monitor keys given are compared. The zod schema that validates
 * it lives in desired-schema.ts; this type is what the rest of the code relies on.
 */
export interface DesiredEndpoint {
  name: string;
  enabled: boolean;
}

export interface DesiredMonitor {
  protocol?: MonitorProtocol;
  port?: number;
  path?: string;
  intervalInSeconds?: number;
  timeoutInSeconds?: number;
  toleratedNumberOfFailures?: number;
  expectedStatusCodeRanges?: StatusCodeRange[];
  customHeaders?: CustomHeader[];
}

export interface DesiredState {
  routingMethod: "Priority";
  endpoints: DesiredEndpoint[];
  monitor?: DesiredMonitor;
  ttl?: number;
  vanityDomains?: string[];
  /** FAILOVER_TOO_SLOW when the profile's failover bound exceeds this (docs/dns-truth.md). */
  maxFailoverSeconds?: number;
  /** Scheduled failover drills (docs/drills.md). */
  drill?: DesiredDrill;
  /**
   * Auto-reconcile on the audit timer (docs/reconcile.md): off (default), plan (attach the plan to
   * the report), apply (apply it when the guard rails pass; needs TM_ENABLE_WRITE_FEATURES).
   */
  reconcile?: ReconcileMode;
  /** Recurring maintenance windows: matching findings are recorded but not notified (docs/silences.md). */
  maintenance?: MaintenanceWindow[];
}

export interface DesiredDrill {
  /** NCRONTAB (six fields, seconds first), evaluated in UTC by the audit timer. */
  schedule: string;
}

export type ReconcileMode = "off" | "plan" | "apply";
