/** Finding codes are a public contract (README, alerts, reports): extend, never rename. */
export const FINDING_CODES = [
  "ROUTING_METHOD_NOT_PRIORITY",
  "PROFILE_DISABLED",
  "ORDER_DRIFT",
  "ENDPOINT_MISSING",
  "ENDPOINT_UNEXPECTED",
  "ENDPOINT_STATUS_DRIFT",
  "MONITOR_CONFIG_DRIFT",
  "TTL_DRIFT",
  "PRIMARY_NOT_SERVING",
  "NO_HEALTHY_STANDBY",
  "ALL_ENDPOINTS_DEGRADED",
  "ALWAYS_SERVE_BLOCKS_FAILOVER",
  "PROBE_FAILED",
  "PROBE_DISAGREES_WITH_TM",
  "CERT_EXPIRING",
  "DNS_CNAME_DRIFT",
  "NO_DESIRED_STATE",
  "AUDIT_ERROR",
  "ALERT_DELIVERY_FAILED",
  "CERT_NAME_MISMATCH",
  "MONITOR_CONFIG_INVALID",
  "DNS_ANSWER_DISAGREES",
  "FAILOVER_TOO_SLOW",
  "DRILL_FAILED",
  "DRILL_SKIPPED",
  "NESTED_STATUS_DIFFERS",
  "RECONCILE_APPLIED",
  "RECONCILE_BLOCKED",
  "RECONCILE_FAILED",
  "DRILL_PASSED",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = "info" | "warning" | "critical";

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** ARM endpoint name, when the finding is about one endpoint. */
  endpoint?: string;
  /** One sentence a human can act on. */
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** Silence ids (or `maintenance`) holding back its notifications (docs/silences.md). */
  silencedBy?: string[];
  /** When the last of those ends (ISO). */
  silencedUntil?: string;
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
