import type {
  HistoryQuery,
  ProfileHistory,
  StatusHistoryStore,
} from "../../app/ports/status-history-store.js";
import type { Report } from "../../core/report.js";
import {
  appendToDay,
  samplesOfDay,
  utcDay,
  type HistoryDay,
  type StatusEvent,
} from "../../core/status/status-history.js";

/** The status history in process memory (lost on restart), same day rows as the Table store. */
export class MemoryStatusHistoryStore implements StatusHistoryStore {
  private readonly days = new Map<string, HistoryDay[]>();

  record(report: Report): Promise<StatusEvent[]> {
    const profile = report.profile.toLowerCase();
    const list = this.days.get(profile) ?? [];
    const day = utcDay(new Date(report.generatedAt));
    const last = list.at(-1);
    const next =
      last?.day === day ? appendToDay(last, undefined, report) : appendToDay(undefined, last?.tail, report);
    if (last?.day === day) list[list.length - 1] = next;
    else list.push(next);
    this.days.set(profile, list.slice(-8));
    return Promise.resolve(next.events.slice(last?.day === day ? last.events.length : 0));
  }

  async recordMany(reports: readonly Report[]): Promise<Map<string, StatusEvent[] | Error>> {
    const out = new Map<string, StatusEvent[] | Error>();
    for (const report of reports) {
      const profile = report.profile.toLowerCase();
      const before = out.get(profile);
      out.set(profile, [...(Array.isArray(before) ? before : []), ...(await this.record(report))]);
    }
    return out;
  }

  read(query: HistoryQuery): Promise<Map<string, ProfileHistory>> {
    const out = new Map<string, ProfileHistory>();
    for (const [profile, days] of this.days) {
      if (query.profile !== undefined && query.profile !== profile) continue;
      const samples = days
        .flatMap(samplesOfDay)
        .filter((s) => Date.parse(s.at) >= query.samplesSince.getTime());
      const events = days
        .flatMap((d) => d.events)
        .filter((e) => Date.parse(e.at) >= query.eventsSince.getTime());
      const tail = days.at(-1)?.tail;
      out.set(profile, { samples, events, ...(tail ? { tail } : {}) });
    }
    return Promise.resolve(out);
  }
}
