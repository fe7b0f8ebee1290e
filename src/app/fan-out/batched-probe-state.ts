import type { ProbeCounters, ProbeStateStore } from "../ports/probe-state-store.js";

export interface BatchedProbeState extends ProbeStateStore {
  /** Writes every counter saved since creation, in as few transactions as the store allows. */
  flush(): Promise<void>;
}

/**
 * The probe counters of one message batch: read with one query for the batch on the first load
 * (none when nothing is probed), written with one transaction per partition after the audits.
 * A profile the batch read did not find is loaded on its own (the store's older layout). A store
 * without batch methods is used as it is.
 */
export function batchedProbeState(store: ProbeStateStore, profiles: readonly string[]): BatchedProbeState {
  const loadMany = store.loadMany?.bind(store);
  const saveMany = store.saveMany?.bind(store);
  if (!loadMany || !saveMany)
    return {
      load: (p) => store.load(p),
      save: (p, c) => store.save(p, c),
      flush: () => Promise.resolve(),
    };
  let loaded: Promise<Map<string, ProbeCounters>> | undefined;
  const pending = new Map<string, ProbeCounters>();
  return {
    load: async (profile) => {
      const key = profile.toLowerCase();
      loaded ??= loadMany(profiles);
      const counters = (await loaded).get(key);
      return counters ? structuredClone(counters) : store.load(key);
    },
    save: (profile, counters) => {
      pending.set(profile.toLowerCase(), counters);
      return Promise.resolve();
    },
    flush: async () => {
      if (pending.size > 0) await saveMany(pending);
    },
  };
}
