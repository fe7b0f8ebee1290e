import type { FindingCode, Severity } from "../finding.js";

/** The channels an alert can go out on. Adding one fails to compile until it is wired everywhere. */
export const ALERT_CHANNELS = ["teams", "email", "console"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/**
 * One open problem of one profile, identified by profile + finding code + endpoint. Times are ISO
 * strings so the state round-trips through JSON storage unchanged.
 */
export interface Incident {
  fingerprint: string;
  code: FindingCode;
  endpoint?: string;
  /** Severity seen in the latest cycle. */
  severity: Severity;
  /**
   * Highest severity announced, when above `severity` (the finding calmed down): the resolved
   * notice must reach every channel that was told about the incident.
   */
  peakSeverity?: Severity;
  /** Message of the latest finding. */
  message: string;
  openedAt: string;
  /** Latest cycle that saw it, as of the last write of the state (a cycle that changes nothing else does not write). */
  lastSeenAt: string;
  /** Last time a notification (opened, raised, reminder) went out for it. */
  lastNotifiedAt: string;
  /** Consecutive cycles the finding was absent (resolution waits for `resolveAfterCycles`). */
  absentCycles: number;
  /** First cycle of the current absence: the moment the problem went away. */
  absentSince?: string;
}

/** A channel gave up on a message (bad configuration or too old): reported until a later send works. */
export interface DeliveryProblem {
  channel: AlertChannel;
  reason: "config" | "expired";
  /** Safe description (status, error kind); never a URL or credential. */
  error: string;
  messageId: string;
  at: string;
}

/** Everything the alert pipeline keeps per profile between cycles. */
export interface ProfileAlertState {
  /** Profile key, lower case. */
  profile: string;
  incidents: Incident[];
  delivery: DeliveryProblem[];
  /** Grows by one with every change that records messages: their outbox ids derive from it. */
  version?: number;
}

export function emptyAlertState(profile: string): ProfileAlertState {
  return { profile: profile.toLowerCase(), incidents: [], delivery: [], version: 0 };
}

/** Profile + code + endpoint, case-insensitive (ARM names are). */
export function fingerprintOf(profile: string, code: FindingCode, endpoint?: string): string {
  return `${profile}|${code}|${endpoint ?? ""}`.toLowerCase();
}
