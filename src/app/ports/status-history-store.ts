import type { Report } from "../../core/report.js";
import type { HistoryTail, StatusEvent, StatusSample } from "../../core/status/status-history.js";

/** What the status page needs of one profile's recent past. */
export interface ProfileHistory {
  /** Audits since `samplesSince`, oldest first. */
  samples: StatusSample[];
  /** Events since `eventsSince`, oldest first. */
  events: StatusEvent[];
  /** State after the last recorded audit (open problems with since when). */
  tail?: HistoryTail;
}

export interface HistoryQuery {
  /** Lower-case profile keys; every profile when absent. */
  profile?: string;
  samplesSince: Date;
  eventsSince: Date;
}

/**
 * A compact per-profile history for the status page: one row per profile and UTC day with every
 * audit's per-endpoint verdict and latency, the failovers and problems opened or resolved.
 * Reading a week of it for every profile takes two Table queries, whatever the report history holds.
 */
export interface StatusHistoryStore {
  /**
   * Adds one audit; returns the events it caused (failovers, problems opened or resolved).
   * @throws AppError UPSTREAM when storage fails (the caller records it, never fails the audit).
   */
  record(report: Report): Promise<StatusEvent[]>;
  /** @throws AppError UPSTREAM when storage fails. */
  read(query: HistoryQuery): Promise<Map<string, ProfileHistory>>;
}
