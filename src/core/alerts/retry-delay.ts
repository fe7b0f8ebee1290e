/** Exponential backoff between delivery attempts of one outbox message. */
export interface BackoffPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** Upper bound of the delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 60_000, maxMs: 3_600_000 };

/**
 * Delay before the next attempt after `attempts` failed ones (1-based): base · 2^(attempts-1),
 * capped, and never shorter than the receiver's Retry-After. No jitter: attempts happen at cycle
 * boundaries anyway, and determinism keeps the outbox testable.
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const backoff = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  return Math.max(backoff, retryAfterMs ?? 0);
}
