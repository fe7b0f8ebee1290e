import type { Drill } from "../../core/drill/drill.js";
import type { Report } from "../../core/report.js";
import type { DrillStore } from "../ports/drill-store.js";
import type { ReportStore } from "../ports/report-store.js";

/**
 * Per-profile reads of one message batch served by one batch read: the first profile that asks
 * starts the read for all of them, the others wait for it. A profile outside the batch, a read
 * that fails, or a store without the batch method falls back to the store's own per-profile read.
 */
function batchRead<T>(
  profiles: readonly string[],
  readMany: ((profiles: readonly string[]) => Promise<Map<string, T>>) | undefined,
  readOne: (profile: string) => Promise<T | undefined>,
): (profile: string) => Promise<T | undefined> {
  const keys = new Set(profiles.map((p) => p.toLowerCase()));
  let batch: Promise<Map<string, T> | undefined> | undefined;
  return async (profile) => {
    const key = profile.toLowerCase();
    if (!readMany || !keys.has(key)) return readOne(profile);
    batch ??= readMany([...keys]).catch(() => undefined);
    const read = await batch;
    return read ? read.get(key) : readOne(profile);
  };
}

/** The batch's drill lists (for the DRILL_* findings) read with one `listMany`. */
export function drillsForBatch(
  store: Pick<DrillStore, "list" | "listMany">,
  profiles: readonly string[],
  limit: number,
): Pick<DrillStore, "list"> {
  const listMany = store.listMany?.bind(store);
  const one = batchRead<Drill[]>(profiles, listMany && ((keys) => listMany(keys, limit)), (p) =>
    store.list(p, limit),
  );
  return {
    list: async (profile, n) =>
      n <= limit ? ((await one(profile)) ?? []).slice(0, n) : store.list(profile, n),
  };
}

/**
 * The batch's previous reports (DNS truth compares with them): those already read (`known`, the
 * redelivery check's), else read with one `latestMany`.
 */
export function reportsForBatch(
  store: ReportStore,
  profiles: readonly string[],
  known?: ReadonlyMap<string, Report>,
): ReportStore {
  const readMany = known ? () => Promise.resolve(new Map(known)) : store.latestMany?.bind(store);
  const one = batchRead<Report>(profiles, readMany, (p) => store.latest(p));
  const view: ReportStore = {
    save: (report) => store.save(report),
    latest: one,
    listLatest: () => store.listLatest(),
    remove: (profile) => store.remove(profile),
  };
  if (store.saveMany) view.saveMany = store.saveMany.bind(store);
  if (store.latestMany) view.latestMany = store.latestMany.bind(store);
  return view;
}
