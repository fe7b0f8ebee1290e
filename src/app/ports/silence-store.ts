import type { Silence, SilenceMatchers, SilenceState } from "../../core/silences/silence.js";

export type { Silence, SilenceMatchers, SilenceState };

/** A silence as stored, with the ETag a conditional change must present, and its state at read time. */
export interface StoredSilence extends Silence {
  /** Opaque concurrency token; HTTP hands it out as the ETag. */
  etag: string;
  state: SilenceState;
}

/** What a caller gives to create a silence; the store assigns `id` (unless given) and `createdAt`. */
export interface NewSilence {
  id?: string;
  matchers: SilenceMatchers;
  /** Defaults to now. */
  startsAt?: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

/** A change to an existing silence (POST with an `id`): only the fields given change. */
export interface SilenceChange {
  matchers?: SilenceMatchers;
  startsAt?: string;
  endsAt?: string;
  comment?: string;
}

export interface SilenceListQuery {
  /** `current`: active and pending; `expired`: ended within the last 30 days. */
  state: "current" | "expired";
  at: Date;
}

/**
 * Silences, in Table storage (or memory without storage). Every change is a conditional write on
 * the row's ETag: two concurrent changes of one silence (an update and an expiry) both take effect
 * or one fails with PRECONDITION_FAILED; none is silently lost.
 */
export interface SilenceStore {
  /**
   * @throws AppError VALIDATION (every issue, JSON-path named) when the silence is invalid
   *   (empty comment, endsAt not after startsAt or now, over 30 days, unknown code);
   *   CONFLICT when `id` is taken. Nothing is stored then.
   */
  create(silence: NewSilence): Promise<StoredSilence>;
  /** Undefined when no silence has this id. */
  get(id: string): Promise<StoredSilence | undefined>;
  /** Newest first (by startsAt). */
  list(query: SilenceListQuery): Promise<StoredSilence[]>;
  /**
   * Ends the silence at `at` (endsAt = at, startsAt too when it had not started); it stays in the
   * history. Expiring an expired silence changes nothing. Without `ifMatch` a concurrent change is
   * re-read and the expiry applied on top of it.
   * @throws AppError NOT_FOUND; PRECONDITION_FAILED when `ifMatch` is stale.
   */
  expire(id: string, at: Date, ifMatch?: string, by?: string): Promise<StoredSilence>;
  /**
   * Changes an active or pending silence. Same concurrency rules as `expire`.
   * @throws AppError NOT_FOUND; VALIDATION; CONFLICT when it already expired;
   *   PRECONDITION_FAILED when `ifMatch` is stale.
   */
  update(id: string, change: SilenceChange, ifMatch?: string): Promise<StoredSilence>;
  /** Silences in force at `at` (one query per audit cycle). */
  active(at: Date): Promise<StoredSilence[]>;
}

/** One stored silence row and its ETag. */
export interface SilenceRecord {
  silence: Silence;
  etag: string;
}

/** A conditional write lost a race (the row changed or was created meanwhile). */
export class SilenceRecordConflict extends Error {
  override readonly name = "SilenceRecordConflict";
}

/**
 * The rows behind a SilenceStore: one adapter per storage (Table storage, memory). The rules
 * (validation, states, retries on a conflict) live once in src/app/silences/silence-book.ts.
 */
export interface SilenceRecords {
  /** @throws SilenceRecordConflict when the id exists. */
  insert(silence: Silence): Promise<SilenceRecord>;
  read(id: string): Promise<SilenceRecord | undefined>;
  /** @throws SilenceRecordConflict when the row no longer has `etag`. */
  replace(silence: Silence, etag: string): Promise<SilenceRecord>;
  /** Every silence whose endsAt is after `endsAfter` (a query, not a scan of old history). */
  endingAfter(endsAfter: Date): Promise<SilenceRecord[]>;
}
