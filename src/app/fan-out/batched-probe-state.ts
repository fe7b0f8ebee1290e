import type { ProbeCounters, ProbeStateStore } from "../ports/probe-state-store.js";

export interface BatchedProbeState extends ProbeStateStore {
  /** Writes every counter saved since creation, in as few transactions as the store allows. */
  flush(): Promise<void>;
}

/**
 * The probe counters of one message batch: loaded with one read for the batch, saved with one
 * write per partition after the audits. A store without batch methods is used as it is.
 */
export async function batchedProbeState(
  store: ProbeStateStore,
  profiles: readonly string[],
): Promise<BatchedProbeState> {
  if (!store.loadMany || !store.saveMany) return { ...bind(store), flush: () => Promise.resolve() };
  const loaded = await store.loadMany(profiles);
  const pending = new Map<string, ProbeCounters>();
  const saveMany = store.saveMany.bind(store);
  return {
    load: (profile) => {
      const key = profile.toLowerCase();
      const counters = loaded.get(key);
      return counters ? Promise.resolve(structuredClone(counters)) : store.load(key);
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

function bind(store: ProbeStateStore): ProbeStateStore {
  return { load: (p) => store.load(p), save: (p, c) => store.save(p, c) };
}
