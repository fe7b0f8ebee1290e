import type { DesiredState } from "../../core/desired-state.js";
import type { LiveProfile } from "../../core/profile.js";
import type { ReadFailure } from "./live-profile-source.js";

/**
 * One profile to audit in one fan-out cycle: the body of one audit-queue message.
 * `cycleStartedAt` lets a redelivered message see that this cycle's report already exists.
 */
export interface AuditWorkItem {
  /** Identifies the cycle; the same for every message the timer enqueued in one run. */
  cycleId: string;
  /** ISO time at which the cycle started (before anything was enqueued). */
  cycleStartedAt: string;
  /** Profile key `{sub}/{rg}/{name}`, lower case. */
  profile: string;
}

/**
 * Several listed profiles in one message (the fan-out's listed snapshot): the profiles as the
 * timer's list call returned them, the nested child profiles they point at, the read failures
 * that name them and their desired states, so the queued audit needs no ARM read for them and no
 * desired-state read. Packed up to the 64 KiB queue message limit.
 */
export interface ListedAuditBatch {
  /** Format marker; messages without it are single-profile `AuditWorkItem`s (the old format). */
  v: 2;
  cycleId: string;
  cycleStartedAt: string;
  /** Watched profiles as listed (LiveProfile JSON). */
  profiles: LiveProfile[];
  /** Nested child profiles the listing (or the timer's GETs) already holds. */
  related: LiveProfile[];
  /** Read failures that name these profiles (e.g. a nested child outside the watch that failed). */
  failures: ReadFailure[];
  /**
   * Desired state per profile key, read once per cycle by the timer. Absent when that read failed:
   * the queued audit then reads the desired state itself.
   */
  desired?: Record<string, DesiredState>;
}

/** What one audit-queue message holds. */
export type AuditMessage = AuditWorkItem | ListedAuditBatch;

/** A message the Functions host moved to the poison queue after its last failed attempt. */
export interface PoisonedMessage {
  /** The decoded body: parsed JSON when it was JSON, else the text; the use case validates it. */
  body: unknown;
  /** Deletes the message from the poison queue. @throws AppError UPSTREAM when storage refuses. */
  remove(): Promise<void>;
}

/**
 * The Storage Queue between the audit timer and the `audit-profile` queue trigger. Message
 * bodies are base64-encoded JSON, as the Functions queue trigger expects by default.
 */
export interface AuditQueue {
  /**
   * Enqueues one message per item (creates the queue when missing).
   * @throws AppError UPSTREAM when storage refuses; items sent before the failure stay queued.
   */
  enqueue(items: readonly AuditMessage[]): Promise<void>;
  /**
   * Reads up to `max` messages from the poison queue and hides them from other readers for a
   * few minutes; a message that is not removed reappears then. An absent queue yields [].
   * @throws AppError UPSTREAM when storage refuses.
   */
  receivePoisoned(max: number): Promise<PoisonedMessage[]>;
}
