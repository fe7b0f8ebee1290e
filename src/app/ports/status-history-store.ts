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
  /**
   * Adds many audits (the fan-out's message batches) with as few storage transactions as the keys
   * allow, with the same result as `record` of each in the order given. Optional: callers fall
   * back to `record` per report.
   * @returns per lower-case profile the events its reports caused, or the error that kept its
   * history from being written (never throws for one profile's failure).
   */
  recordMany?(reports: readonly Report[]): Promise<Map<string, StatusEvent[] | Error>>;
  /** @throws AppError UPSTREAM when storage fails. */
  read(query: HistoryQuery): Promise<Map<string, ProfileHistory>>;
}
