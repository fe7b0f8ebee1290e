import type { ProfileAlertState } from "../../core/alerts/incident.js";
import type { OutboxEntry } from "./alert-outbox.js";

export type { ProfileAlertState };

/** A profile's alert state as stored, with the ETag a conditional save must present. */
export interface LoadedAlertState {
  state: ProfileAlertState;
  etag: string;
}

/**
 * A conditional write lost a race: another dispatcher (a second function instance, or the timer
 * and an audit-now at once) changed the row since it was read. Reload and decide again.
 */
export class AlertStoreConflict extends Error {
  override readonly name = "AlertStoreConflict";
}

/** A profile's alert state together with its pending outbox entries, as one batch read found them. */
export interface PrimedAlertState {
  loaded: LoadedAlertState | undefined;
  /** Pending entries, oldest first (by id), each with its etag. */
  pending: OutboxEntry[];
}

/** Open incidents and delivery problems per profile, between cycles. */
export interface AlertStateStore {
  /** Undefined when the profile has no alert state yet. */
  load(profile: string): Promise<LoadedAlertState | undefined>;
  /**
   * The states and pending outbox entries of many profiles (a queue message's) in as few reads
   * as the storage allows; every profile asked for has an entry (lower-case key). Optional:
   * callers fall back to `load` and `AlertOutbox.pending` per profile.
   */
  loadMany?(profiles: readonly string[]): Promise<Map<string, PrimedAlertState>>;
  /**
   * Saves the state and records `newEntries` in the outbox as one atomic step (so a crash can never
   * leave a notification recorded without the state that produced it, or the reverse), and only
   * when the stored state still has `etag` (undefined: only when there is none yet).
   * @throws AlertStoreConflict when it changed meanwhile; nothing is written then.
   */
  save(
    state: ProfileAlertState,
    etag: string | undefined,
    newEntries?: readonly OutboxEntry[],
  ): Promise<void>;
}
