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
  enqueue(items: readonly AuditWorkItem[]): Promise<void>;
  /**
   * Reads up to `max` messages from the poison queue and hides them from other readers for a
   * few minutes; a message that is not removed reappears then. An absent queue yields [].
   * @throws AppError UPSTREAM when storage refuses.
   */
  receivePoisoned(max: number): Promise<PoisonedMessage[]>;
}
