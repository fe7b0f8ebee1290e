import type { Severity } from "../finding.js";

/** How the state machine turns findings into notifications. */
export interface AlertPolicy {
  /** Reminder interval per severity in milliseconds; 0 disables reminders for that severity. */
  repeatMs: Record<Severity, number>;
  /** Consecutive cycles a finding must be absent before its incident is resolved (≥ 1). */
  resolveAfterCycles: number;
}

const HOUR = 3_600_000;

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  repeatMs: { critical: 4 * HOUR, warning: 24 * HOUR, info: 0 },
  resolveAfterCycles: 1,
};
