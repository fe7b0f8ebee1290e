import type { Report } from "../../core/report.js";

/** Audit reports: the latest per profile plus a bounded history. */
export interface ReportStore {
  save(report: Report): Promise<void>;
  latest(profile: string): Promise<Report | undefined>;
  /** Latest report of every profile that has one. */
  listLatest(): Promise<Report[]>;
}
