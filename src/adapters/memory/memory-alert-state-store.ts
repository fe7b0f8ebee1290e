import {
  AlertStoreConflict,
  type AlertStateStore,
  type LoadedAlertState,
  type PrimedAlertState,
  type ProfileAlertState,
} from "../../app/ports/alert-state-store.js";
import type { OutboxEntry } from "../../app/ports/alert-outbox.js";
import type { MemoryAlertOutbox } from "./memory-alert-outbox.js";

/**
 * Alert state in process memory: for `audit --once` without storage, `serve` and tests. Records
 * new messages in `outbox` on save, as the Table store does in the same transaction.
 */
export class MemoryAlertStateStore implements AlertStateStore {
  private readonly byProfile = new Map<string, LoadedAlertState>();
  private nextEtag = 1;

  constructor(private readonly outbox: MemoryAlertOutbox) {}

  load(profile: string): Promise<LoadedAlertState | undefined> {
    const stored = this.byProfile.get(profile.toLowerCase());
    return Promise.resolve(stored ? structuredClone(stored) : undefined);
  }

  async loadMany(profiles: readonly string[]): Promise<Map<string, PrimedAlertState>> {
    const out = new Map<string, PrimedAlertState>();
    for (const p of profiles) {
      const profile = p.toLowerCase();
      out.set(profile, { loaded: await this.load(profile), pending: await this.outbox.pending(profile) });
    }
    return out;
  }

  async save(state: ProfileAlertState, etag: string | undefined, newEntries: readonly OutboxEntry[] = []) {
    const key = state.profile.toLowerCase();
    if (this.byProfile.get(key)?.etag !== etag || !this.outbox.canEnqueue(newEntries))
      throw new AlertStoreConflict(`alert state of ${key} changed meanwhile`);
    this.byProfile.set(key, { state: structuredClone(state), etag: String(this.nextEtag++) });
    await this.outbox.enqueue(newEntries);
  }
}
