import type { ProbeCounters, ProbeStateStore } from "../../app/ports/probe-state-store.js";

/** Counters in process memory: enough for the CLI and one long-lived host; lost on restart. */
export class MemoryProbeStateStore implements ProbeStateStore {
  private readonly byProfile = new Map<string, ProbeCounters>();

  load(profile: string): Promise<ProbeCounters> {
    return Promise.resolve(structuredClone(this.byProfile.get(profile.toLowerCase()) ?? {}));
  }

  save(profile: string, counters: ProbeCounters): Promise<void> {
    this.byProfile.set(profile.toLowerCase(), structuredClone(counters));
    return Promise.resolve();
  }
}
