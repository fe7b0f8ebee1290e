import type { ReportStore } from "../../app/ports/report-store.js";
import type { Report } from "../../core/report.js";

/** Latest report per profile in process memory (no history); lost on restart. */
export class MemoryReportStore implements ReportStore {
  private readonly latestByProfile = new Map<string, Report>();

  save(report: Report): Promise<void> {
    this.latestByProfile.set(report.profile.toLowerCase(), structuredClone(report));
    return Promise.resolve();
  }

  latest(profile: string): Promise<Report | undefined> {
    return Promise.resolve(structuredClone(this.latestByProfile.get(profile.toLowerCase())));
  }

  listLatest(): Promise<Report[]> {
    return Promise.resolve([...this.latestByProfile.values()].map((r) => structuredClone(r)));
  }

  remove(profile: string): Promise<void> {
    this.latestByProfile.delete(profile.toLowerCase());
    return Promise.resolve();
  }
}
