import pLimit from "p-limit";
import type { Transition } from "../core/alerts/advance-incidents.js";
import { buildAlertMessage, type AlertMessage } from "../core/alerts/alert-message.js";
import type { AlertPolicy } from "../core/alerts/alert-policy.js";
import {
  ALERT_CHANNELS,
  emptyAlertState,
  type DeliveryProblem,
  type Incident,
} from "../core/alerts/incident.js";
import type { BackoffPolicy } from "../core/alerts/retry-delay.js";
import type { Finding, Severity } from "../core/finding.js";
import type { Report } from "../core/report.js";
import { advanceWithSilences } from "../core/silences/advance-with-silences.js";
import { withSilenced } from "../core/silences/silenced-items.js";
import { deliverChannel, type ChannelOutcome } from "./deliver-outbox.js";
import { describeError } from "./errors.js";
import type { AlertDispatcher } from "./ports/alert-dispatcher.js";
import type { AlertLogger } from "./ports/alert-logger.js";
import type { AlertOutbox, OutboxEntry } from "./ports/alert-outbox.js";
import type { AlertChannel, AlertSender } from "./ports/alert-sender.js";
import {
  AlertStoreConflict,
  type AlertStateStore,
  type LoadedAlertState,
  type PrimedAlertState,
} from "./ports/alert-state-store.js";
import type { Clock } from "./ports/clock.js";

/** A configured channel: its sender and the least severity it is told about. */
export interface ChannelSetup {
  sender: AlertSender;
  minSeverity: Severity;
}

export interface AlertPipelineDeps {
  state: AlertStateStore;
  outbox: AlertOutbox;
  /** Every channel must be named: `undefined` when not configured. */
  channels: Record<AlertChannel, ChannelSetup | undefined>;
  clock: Clock;
  logger: AlertLogger;
  policy: AlertPolicy;
  backoff: BackoffPolicy;
  /** Retry a failing message this long before giving up. */
  maxAgeMs: number;
  /** Delivered and failed outbox entries are kept this long. */
  retentionMs?: number;
  /** Profiles handled at once (each is a few storage calls). */
  concurrency?: number;
}

const WEEK = 7 * 24 * 3_600_000;
/** Conditional commits tried before a profile's dispatch gives up (and logs) for this cycle. */
const MAX_COMMIT_ATTEMPTS = 5;

/**
 * The alert use case: state machine per profile, one grouped message per channel recorded in the
 * outbox, then delivery of everything pending. Never throws.
 */
export class AlertPipeline implements AlertDispatcher {
  /**
   * @param primed states and pending messages a batch read found (`forProfiles`); each serves the
   *   profile's first decision only, later reads go to the store.
   */
  constructor(
    private readonly deps: AlertPipelineDeps,
    private readonly primed?: Map<string, PrimedAlertState>,
  ) {}

  async forProfiles(profiles: readonly string[]): Promise<AlertDispatcher> {
    const { state, logger } = this.deps;
    if (!state.loadMany || profiles.length === 0) return this;
    try {
      return new AlertPipeline(this.deps, await state.loadMany(profiles));
    } catch (e: unknown) {
      // Each profile is read on its own then, as without a batch read.
      logger.warn("alert.batch_read_failed", { profiles: profiles.length, error: describeError(e) });
      return this;
    }
  }

  /** Closes every configured sender that holds connections (Runtime.close). */
  async close(): Promise<void> {
    for (const setup of Object.values(this.deps.channels))
      if (setup?.sender.close) await setup.sender.close();
  }

  async deliveryFindings(profile: string): Promise<Finding[]> {
    try {
      const key = profile.toLowerCase();
      const primed = this.primed?.get(key);
      const loaded = primed ? primed.loaded : await this.deps.state.load(key);
      const problems = loaded?.state.delivery ?? [];
      if (problems.length === 0) return [];
      const described = problems.map(
        (p) =>
          `${p.channel} (${p.reason === "config" ? "configuration error" : "gave up after retrying"}: ${p.error})`,
      );
      return [
        {
          code: "ALERT_DELIVERY_FAILED",
          severity: "warning",
          message: `Alerts could not be delivered on ${described.join("; ")}. Check the channel's settings; see the log for details.`,
          actual: problems.map((p) => ({
            channel: p.channel,
            reason: p.reason,
            messageId: p.messageId,
            at: p.at,
          })),
        },
      ];
    } catch (e: unknown) {
      this.deps.logger.error("alert.state_unreadable", { profile, error: describeError(e) });
      return [];
    }
  }

  async openIncidents(profile: string): Promise<readonly Incident[]> {
    const loaded = await this.deps.state.load(profile.toLowerCase());
    return loaded?.state.incidents ?? [];
  }

  async announce(message: AlertMessage, key: string): Promise<void> {
    const now = this.deps.clock.now();
    const profile = message.profile.toLowerCase();
    try {
      const entries: OutboxEntry[] = [];
      for (const channel of ALERT_CHANNELS) {
        const setup = this.deps.channels[channel];
        // Every configured channel, whatever its minimum severity: the result is what was asked for.
        if (!setup) continue;
        // The key (a drill id) makes the entry id: recording it twice leaves the first untouched.
        entries.push({
          id: `${key}~${channel}`,
          profile,
          channel,
          createdAt: now.toISOString(),
          status: "pending",
          attempts: 0,
          message,
        });
      }
      if (entries.length > 0) await this.deps.outbox.enqueue(entries);
      const outcomes = await this.deliver(profile, now, new Set());
      if (outcomes.some((o) => o.delivered || o.problem)) await this.recordProblems(profile, outcomes);
    } catch (e: unknown) {
      this.deps.logger.error("alert.announce_failed", { profile, key, error: describeError(e) });
    }
  }

  async dispatch(reports: readonly Report[]): Promise<void> {
    const now = this.deps.clock.now();
    const down = new Set<AlertChannel>();
    const limit = pLimit(this.deps.concurrency ?? 8);
    await Promise.all(
      reports.map((report) =>
        limit(async () => {
          try {
            await this.dispatchProfile(report, now, down);
          } catch (e: unknown) {
            this.deps.logger.error("alert.dispatch_failed", {
              profile: report.profile,
              error: describeError(e),
            });
          }
        }),
      ),
    );
  }

  private async dispatchProfile(report: Report, now: Date, down: Set<AlertChannel>): Promise<void> {
    const profile = report.profile.toLowerCase();
    const primed = this.primed?.get(profile);
    this.primed?.delete(profile);
    const recorded = await this.advance(report, profile, now, primed);
    // Nothing was pending and nothing new was recorded: no need to read the outbox.
    if (primed && !recorded && primed.pending.length === 0) return;
    const outcomes = await this.deliver(profile, now, down, recorded ? undefined : primed?.pending);
    if (outcomes.some((o) => o.delivered || o.problem)) {
      await this.recordProblems(profile, outcomes);
      await this.deps.outbox.prune(profile, new Date(now.getTime() - (this.deps.retentionMs ?? WEEK)));
    }
  }

  /**
   * Runs the state machine and commits the new state together with its messages, conditionally on
   * the state read. When another dispatcher of the same profile committed first, its result is the
   * new starting point: decide again, so a transition is announced once, never twice.
   * @returns whether new outbox entries were recorded.
   */
  private async advance(
    report: Report,
    profile: string,
    now: Date,
    primed: PrimedAlertState | undefined,
  ): Promise<boolean> {
    const { state, policy, logger } = this.deps;
    for (let attempt = 1; ; attempt += 1) {
      const loaded: LoadedAlertState | undefined =
        attempt === 1 && primed ? primed.loaded : await state.load(profile);
      const previous = loaded?.state ?? emptyAlertState(profile);
      const { incidents, transitions } = advanceWithSilences(previous.incidents, report, now, policy);
      const version = (previous.version ?? 0) + 1;
      const entries = this.newEntries(report, transitions, incidents, now, version);
      // Nothing opened, resolved, reminded or told: the stored state already says it all, so the
      // steady cycle of a quiet profile costs one read and no write.
      if (transitions.length === 0 && entries.length === 0 && sameIncidents(previous.incidents, incidents))
        return false;
      try {
        await state.save({ ...previous, profile, incidents, version }, loaded?.etag, entries);
      } catch (e: unknown) {
        if (e instanceof AlertStoreConflict && attempt < MAX_COMMIT_ATTEMPTS) continue;
        throw e;
      }
      for (const t of transitions) logTransition(logger, profile, t);
      return entries.length > 0;
    }
  }

  /** Delivery problems are merged into the freshest state (incidents are left as committed). */
  private async recordProblems(profile: string, outcomes: readonly ChannelOutcome[]): Promise<void> {
    const { state } = this.deps;
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await state.load(profile);
      const current = loaded?.state ?? emptyAlertState(profile);
      try {
        await state.save({ ...current, delivery: mergeProblems(current.delivery, outcomes) }, loaded?.etag);
        return;
      } catch (e: unknown) {
        if (e instanceof AlertStoreConflict && attempt < MAX_COMMIT_ATTEMPTS) continue;
        throw e;
      }
    }
  }

  private newEntries(
    report: Report,
    transitions: readonly Transition[],
    incidents: Parameters<typeof buildAlertMessage>[0]["incidents"],
    now: Date,
    version: number,
  ): OutboxEntry[] {
    const entries: OutboxEntry[] = [];
    for (const channel of ALERT_CHANNELS) {
      const setup = this.deps.channels[channel];
      if (!setup) continue;
      const message = withSilenced(
        buildAlertMessage({
          report,
          transitions,
          incidents,
          minSeverity: setup.minSeverity,
          now,
        }),
        incidents,
      );
      if (!message) continue;
      entries.push({
        // Unique per profile (the version only grows under the ETag) and in decision order.
        id: `${String(version).padStart(12, "0")}~${channel}`,
        profile: message.profile,
        channel,
        createdAt: now.toISOString(),
        status: "pending",
        attempts: 0,
        message,
      });
    }
    return entries;
  }

  /**
   * Every channel on its own: one failing (or throwing) never holds up another.
   * @param known the pending entries when a batch read just found them (else the outbox is read).
   */
  private async deliver(
    profile: string,
    now: Date,
    down: Set<AlertChannel>,
    known?: readonly OutboxEntry[],
  ): Promise<ChannelOutcome[]> {
    const { outbox, logger } = this.deps;
    const pending = known ?? (await outbox.pending(profile));
    const ctx = { ...this.deps, now, down };
    const results = await Promise.allSettled(
      ALERT_CHANNELS.map(async (channel) => {
        const entries = pending.filter((e) => e.channel === channel);
        const setup = this.deps.channels[channel];
        if (entries.length === 0) return { channel, delivered: false };
        if (!setup) {
          logger.warn("alert.channel_removed", { profile, channel, pending: entries.length });
          return { channel, delivered: false };
        }
        return deliverChannel(setup.sender, entries, ctx);
      }),
    );
    return results.flatMap((r, i) => {
      if (r.status === "fulfilled") return [r.value];
      logger.error("alert.delivery_error", {
        profile,
        channel: ALERT_CHANNELS[i],
        error: describeError(r.reason),
      });
      return [];
    });
  }
}

/** Equal but for `lastSeenAt`, which nothing reads: refreshing it alone is not worth a write. */
function sameIncidents(before: readonly Incident[], after: readonly Incident[]): boolean {
  const comparable = (list: readonly Incident[]) =>
    JSON.stringify(list.map(({ lastSeenAt: _seen, ...rest }) => rest));
  return comparable(before) === comparable(after);
}

/** A delivered message clears its channel's problem; a message given up records one. */
function mergeProblems(
  previous: readonly DeliveryProblem[],
  outcomes: readonly ChannelOutcome[],
): DeliveryProblem[] {
  const byChannel = new Map(previous.map((p) => [p.channel, p]));
  for (const o of outcomes) {
    if (o.problem) byChannel.set(o.channel, o.problem);
    else if (o.delivered) byChannel.delete(o.channel);
  }
  return [...byChannel.values()];
}

function logTransition(logger: AlertLogger, profile: string, t: Transition): void {
  logger.info("alert.transition", {
    profile,
    kind: t.kind,
    code: t.incident.code,
    endpoint: t.incident.endpoint,
    severity: t.incident.severity,
  });
}
