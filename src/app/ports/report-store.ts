import type { Report } from "../../core/report.js";

/** Audit reports: the latest per profile plus a bounded history. */
export interface ReportStore {
  save(report: Report): Promise<void>;
  latest(profile: string): Promise<Report | undefined>;
  /** Latest report of every profile that has one. */
  listLatest(): Promise<Report[]>;
  /** Drops the latest report of a profile or scope (a recovered scope leaves the list); history stays. */
  remove(profile: string): Promise<void>;
  /**
   * Saves many reports with as few storage transactions as the keys allow (the fan-out's message
   * batches). Optional: callers fall back to `save` per report.
   * @returns the profiles whose save failed, with the reason; the others are stored.
   */
  saveMany?(reports: readonly Report[]): Promise<Map<string, Error>>;
  /** Latest report of each of the given profiles, in one read where possible (by lower-case key). */
  latestMany?(profiles: readonly string[]): Promise<Map<string, Report>>;
}
