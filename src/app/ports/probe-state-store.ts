import type { ProbeCounters } from "../../core/probe-result.js";

export type { ProbeCounters };

/** Keeps consecutive-failure counters between cycles, per profile key. */
export interface ProbeStateStore {
  load(profile: string): Promise<ProbeCounters>;
  save(profile: string, counters: ProbeCounters): Promise<void>;
}
