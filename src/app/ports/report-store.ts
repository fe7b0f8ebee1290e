import type { Report } from "../../core/report.js";

/** Audit reports: the latest per profile plus a bounded history. */
export interface ReportStore {
  save(report: Report): Promise<void>;
  latest(profile: string): Promise<Report | undefined>;
  /** Latest report of every profile that has one. */
  listLatest(): Promise<Report[]>;
  /** Drops the latest report of a profile or scope (a recovered scope leaves the list); history stays. */
  remove(profile: string): Promise<void>;
}
