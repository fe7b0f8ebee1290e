import type { AlertStateStore, ProfileAlertState } from "../../app/ports/alert-state-store.js";

/** Alert state in process memory: for `audit --once` without storage, `serve` and tests. */
export class MemoryAlertStateStore implements AlertStateStore {
  private readonly byProfile = new Map<string, ProfileAlertState>();

  load(profile: string): Promise<ProfileAlertState | undefined> {
    const state = this.byProfile.get(profile.toLowerCase());
    return Promise.resolve(state ? structuredClone(state) : undefined);
  }

  save(state: ProfileAlertState): Promise<void> {
    this.byProfile.set(state.profile.toLowerCase(), structuredClone(state));
    return Promise.resolve();
  }
}
