import type { Drill } from "../../core/drill/drill.js";

export type { Drill };

/** A drill as stored, with the ETag a conditional save must present. */
export interface StoredDrill {
  drill: Drill;
  etag: string;
}

/** A conditional save lost a race: another message advanced the drill meanwhile. */
export class DrillStoreConflict extends Error {
  override readonly name = "DrillStoreConflict";
}

/**
 * Drills per profile (Table storage, or memory without storage) and the profile's drill lease:
 * at most one unfinished drill per profile. Creating a drill takes the lease and saving a finished
 * drill releases it, each in one atomic step, so no crash can leave a lease without its drill.
 */
export interface DrillStore {
  /**
   * Stores a new drill and takes the profile's lease.
   * @throws AppError CONFLICT (naming the running drill) when an unfinished drill holds the lease;
   *   UPSTREAM when storage fails.
   */
  start(drill: Drill): Promise<StoredDrill>;
  /** Undefined when the profile has no drill with this id. */
  get(profile: string, id: string): Promise<StoredDrill | undefined>;
  /** The profile's drills, newest first, at most `limit`. */
  list(profile: string, limit: number): Promise<Drill[]>;
  /**
   * `list` for many profiles (a queue message's) in as few reads as the storage allows; every
   * profile asked for has an entry (lower-case key). Optional: callers fall back to `list`.
   */
  listMany?(profiles: readonly string[], limit: number): Promise<Map<string, Drill[]>>;
  /**
   * Replaces the drill when it still has `etag`; a finished drill (phase `done`) releases the lease.
   * @throws DrillStoreConflict when it changed meanwhile; nothing is written then.
   */
  save(drill: Drill, etag: string): Promise<StoredDrill>;
  /** Every unfinished drill (those holding a lease), for crash recovery by the timer. */
  unfinished(): Promise<StoredDrill[]>;
}
