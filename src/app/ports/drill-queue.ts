/** One step of one drill: the body of one drill-queue message. */
export interface DrillMessage {
  profile: string;
  drillId: string;
  /** The drill's `seq` when the message was sent; an older one is a duplicate and is dropped. */
  seq: number;
}

/**
 * Carries drill steps between invocations. Waits are visibility delays, so no invocation waits:
 * the Functions host uses a Storage Queue (`drill-step` trigger); the CLI and `serve` run the
 * steps in-process on timers.
 */
export interface DrillQueue {
  /** @throws AppError UPSTREAM when the message could not be sent. */
  send(message: DrillMessage, delaySeconds: number): Promise<void>;
}

/** A drill queue that runs its messages in this process (CLI, `serve`, no storage). */
export interface LocalDrillQueue extends DrillQueue {
  /** Who runs each message; replaces the previous handler. */
  attach(handler: (message: DrillMessage) => Promise<void>): void;
  /** Resolves when no message is pending or running. */
  idle(): Promise<void>;
  /** Drops pending messages (the process stops). */
  close(): void;
}
