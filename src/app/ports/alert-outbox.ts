import type { AlertMessage } from "../../core/alerts/alert-message.js";
import type { AlertChannel } from "../../core/alerts/incident.js";

export type OutboxStatus = "pending" | "delivered" | "failed";

/** One message for one channel, recorded before the first send attempt. */
export interface OutboxEntry {
  /**
   * Idempotency key, unique per profile: `{state version, zero-padded}~{channel}`. The version grows
   * with every committed state change, so ids sort in the order the messages were decided.
   */
  id: string;
  /** Profile key, lower case. */
  profile: string;
  channel: AlertChannel;
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  /** Pending entries are not tried again before this time. */
  nextAttemptAt?: string;
  /** Safe description of the last failure. */
  lastError?: string;
  /** Why a failed entry was given up. */
  failure?: "config" | "expired";
  doneAt?: string;
  message: AlertMessage;
  /** Storage version as read; `update` succeeds only while it is current. Not part of the data. */
  etag?: string;
}

/**
 * Messages waiting for delivery, per profile. Implementations: memory (CLI, tests) and Table.
 * Every method throws when storage cannot be reached; the dispatcher contains that.
 */
export interface AlertOutbox {
  /** Records new entries; an entry whose id already exists for the profile is left untouched. */
  enqueue(entries: readonly OutboxEntry[]): Promise<void>;
  /** Pending entries of a profile, oldest first (by id), each with its etag. */
  pending(profile: string): Promise<OutboxEntry[]>;
  /**
   * Replaces the stored entry with the same profile and id, only while it still has `entry.etag`
   * (unconditionally without one). Returns the entry with its new etag.
   * @throws AlertStoreConflict when another dispatcher changed it first.
   */
  update(entry: OutboxEntry): Promise<OutboxEntry>;
  /** Deletes delivered and failed entries created before `before`. */
  prune(profile: string, before: Date): Promise<void>;
}
