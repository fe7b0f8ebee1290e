import type { DeliveryProblem } from "../core/alerts/incident.js";
import { retryDelayMs, type BackoffPolicy } from "../core/alerts/retry-delay.js";
import { describeError } from "./errors.js";
import type { AlertLogger } from "./ports/alert-logger.js";
import type { AlertOutbox, OutboxEntry } from "./ports/alert-outbox.js";
import { AlertSendError, type AlertChannel, type AlertSender } from "./ports/alert-sender.js";
import { recordDelivery } from "./telemetry/telemetry.js";
import { AlertStoreConflict } from "./ports/alert-state-store.js";
import type { Clock } from "./ports/clock.js";

export interface DeliveryContext {
  outbox: AlertOutbox;
  logger: AlertLogger;
  backoff: BackoffPolicy;
  /** A message still failing this long after it was recorded is given up as `expired`. */
  maxAgeMs: number;
  now: Date;
  /**
   * Read at each claim: a dispatch lasts as long as its sends, so a lease computed from `now`
   * could already be over when a later entry is claimed, letting a second instance send it too.
   */
  clock?: Clock;
  /** Channels that failed transiently earlier in this dispatch: not tried again until next cycle. */
  down: Set<AlertChannel>;
  /** How long a claimed entry is left to its claimant before another dispatcher may retry it. */
  leaseMs?: number;
}

/** Longer than any send (ALERT_SEND_TIMEOUT_SECONDS is at most 300) plus the bookkeeping. */
const DEFAULT_LEASE_MS = 10 * 60_000;

/** What one channel's delivery changed for a profile's delivery problems. */
export interface ChannelOutcome {
  channel: AlertChannel;
  /** A message was delivered: earlier problems of the channel are over. */
  delivered: boolean;
  /** A message was given up in this cycle. */
  problem?: DeliveryProblem;
}

function classify(channel: AlertChannel, e: unknown): AlertSendError {
  if (e instanceof AlertSendError) return e;
  // A sender bug or an unexpected library error: retry it like a network error, it is logged.
  return new AlertSendError(channel, "transient", `${channel}: unexpected error: ${describeError(e)}`);
}

async function giveUp(
  entry: OutboxEntry,
  err: AlertSendError,
  reason: "config" | "expired",
  ctx: DeliveryContext,
): Promise<DeliveryProblem> {
  const at = ctx.now.toISOString();
  await ctx.outbox.update({
    ...entry,
    status: "failed",
    failure: reason,
    lastError: err.message,
    doneAt: at,
  });
  ctx.logger.error(reason === "config" ? "alert.channel_misconfigured" : "alert.delivery_expired", {
    profile: entry.profile,
    channel: entry.channel,
    messageId: entry.id,
    attempts: entry.attempts,
    status: err.status,
    error: err.message,
  });
  return { channel: entry.channel, reason, error: err.message, messageId: entry.id, at };
}

/**
 * Takes an entry for this dispatcher before sending: counts the attempt and pushes its next attempt
 * past the lease, conditionally on the entry as read. Undefined when another dispatcher (a second
 * instance handling the same profile) took it first. A crash after the claim only delays the
 * entry by the lease: at-least-once, with the same idempotency key on the retry.
 */
async function claim(queued: OutboxEntry, ctx: DeliveryContext): Promise<OutboxEntry | undefined> {
  const claimedAt = ctx.clock?.now() ?? ctx.now;
  const lease = new Date(claimedAt.getTime() + (ctx.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  try {
    return await ctx.outbox.update({ ...queued, attempts: queued.attempts + 1, nextAttemptAt: lease });
  } catch (e: unknown) {
    if (e instanceof AlertStoreConflict) return undefined;
    throw e;
  }
}

/**
 * Delivers a channel's pending entries of one profile, oldest first. Stops at the first entry that
 * is not due, fails transiently or is being sent by another dispatcher, so a channel never
 * delivers out of order. A configuration error fails the entry (not retried) and moves on.
 */
export async function deliverChannel(
  sender: AlertSender,
  entries: readonly OutboxEntry[],
  ctx: DeliveryContext,
): Promise<ChannelOutcome> {
  const channel = sender.channel;
  const outcome: ChannelOutcome = { channel, delivered: false };
  for (const queued of entries) {
    if (ctx.down.has(channel)) break;
    if (queued.nextAttemptAt !== undefined && Date.parse(queued.nextAttemptAt) > ctx.now.getTime()) break;
    const entry = await claim(queued, ctx);
    if (!entry) break;
    try {
      await sender.send(entry.message, `${entry.profile}|${entry.id}`);
    } catch (e: unknown) {
      const err = classify(channel, e);
      recordDelivery(channel, err.failure === "config" ? "rejected" : "failed");
      if (err.failure === "config") {
        outcome.problem = await giveUp(entry, err, "config", ctx);
        continue;
      }
      ctx.down.add(channel);
      if (ctx.now.getTime() - Date.parse(entry.createdAt) >= ctx.maxAgeMs) {
        outcome.problem = await giveUp(entry, err, "expired", ctx);
        break;
      }
      // The last attempt happens at the maximum age, not after it.
      const delay = retryDelayMs(entry.attempts, ctx.backoff, err.retryAfterMs);
      const deadline = Date.parse(entry.createdAt) + ctx.maxAgeMs;
      const nextAttemptAt = new Date(Math.min(ctx.now.getTime() + delay, deadline)).toISOString();
      await ctx.outbox.update({ ...entry, lastError: err.message, nextAttemptAt });
      ctx.logger.warn("alert.delivery_retry", {
        profile: entry.profile,
        channel,
        messageId: entry.id,
        attempts: entry.attempts,
        status: err.status,
        error: err.message,
        nextAttemptAt,
      });
      break;
    }
    const { nextAttemptAt: _n, ...rest } = entry;
    await ctx.outbox.update({ ...rest, status: "delivered", doneAt: ctx.now.toISOString() });
    ctx.logger.info("alert.delivered", {
      profile: entry.profile,
      channel,
      messageId: entry.id,
      attempts: entry.attempts,
    });
    recordDelivery(channel, "delivered");
    outcome.delivered = true;
  }
  return outcome;
}
