import type { AlertMessage } from "../../core/alerts/alert-message.js";
import type { AlertChannel } from "../../core/alerts/incident.js";

export type OutboxStatus = "pending" | "delivered" | "failed";

/** One message for one channel, recorded before the first send attempt. */
export interface OutboxEntry {
  /** Idempotency key, unique per profile: `{cycle time}~{channel}` (sorts by creation). */
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
}

/**
 * Messages waiting for delivery, per profile. Implementations: memory (CLI, tests) and Table.
 * Every method throws when storage cannot be reached; the dispatcher contains that.
 */
export interface AlertOutbox {
  /** Records new entries; an entry whose id already exists for the profile is left untouched. */
  enqueue(entries: readonly OutboxEntry[]): Promise<void>;
  /** Pending entries of a profile, oldest first (by id). */
  pending(profile: string): Promise<OutboxEntry[]>;
  /** Replaces the stored entry with the same profile and id. */
  update(entry: OutboxEntry): Promise<void>;
  /** Deletes delivered and failed entries created before `before`. */
  prune(profile: string, before: Date): Promise<void>;
}
