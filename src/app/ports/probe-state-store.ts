import type { ProbeCounters } from "../../core/probe-result.js";

export type { ProbeCounters };

/** Keeps consecutive-failure counters between cycles, per profile key. */
export interface ProbeStateStore {
  load(profile: string): Promise<ProbeCounters>;
  save(profile: string, counters: ProbeCounters): Promise<void>;
  /**
   * Counters of many profiles in as few reads as the keys allow, by lower-case key; profiles it
   * does not return (a store may return only some) are loaded with `load`. Optional.
   */
  loadMany?(profiles: readonly string[]): Promise<Map<string, ProbeCounters>>;
  /** Saves many profiles' counters in as few transactions as the keys allow. Optional. */
  saveMany?(entries: ReadonlyMap<string, ProbeCounters>): Promise<void>;
}
