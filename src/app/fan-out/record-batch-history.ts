import type { Report } from "../../core/report.js";
import type { StatusEvent } from "../../core/status/status-history.js";
import { describeError } from "../errors.js";
import type { StatusHistoryStore } from "../ports/status-history-store.js";
import type { CycleError } from "../run-audit.js";
import * as telemetry from "../telemetry/telemetry.js";

/**
 * The status page's history of a batch of saved reports: in one `recordMany` where the store has
 * it (a few Table transactions per message instead of two or more per profile), else `record` per
 * report. Never throws: a failure becomes a `history` CycleError, as in the inline cycle.
 */
export async function recordBatchHistory(
  store: StatusHistoryStore | undefined,
  reports: readonly Report[],
): Promise<CycleError[]> {
  if (!store || reports.length === 0) return [];
  const errors: CycleError[] = [];
  const told = (profile: string, result: StatusEvent[] | Error) => {
    if (result instanceof Error) errors.push({ stage: "history", profile, message: describeError(result) });
    else telemetry.recordHistoryEvents(profile, result);
  };
  if (store.recordMany) {
    // The map is keyed by lower-case profile; errors and telemetry name the profile as reported.
    const named = new Map(reports.map((r) => [r.profile.toLowerCase(), r.profile]));
    try {
      for (const [profile, result] of await store.recordMany(reports))
        told(named.get(profile) ?? profile, result);
    } catch (e: unknown) {
      errors.push({ stage: "history", message: describeError(e) });
    }
    return errors;
  }
  await Promise.all(
    reports.map(async (report) => {
      try {
        told(report.profile, await store.record(report));
      } catch (e: unknown) {
        told(report.profile, e instanceof Error ? e : new Error(String(e)));
      }
    }),
  );
  return errors;
}
