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

/** Open incidents and delivery problems per profile, between cycles. */
export interface AlertStateStore {
  /** Undefined when the profile has no alert state yet. */
  load(profile: string): Promise<LoadedAlertState | undefined>;
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
