import { formatProfileKey } from "../../core/profile-key.js";
import type { Report } from "../../core/report.js";
import type { AlertDispatcher } from "../ports/alert-dispatcher.js";
import type { DesiredState } from "../../core/desired-state.js";
import type { AuditMessage, AuditQueue } from "../ports/audit-queue.js";
import type { DesiredStateStore } from "../ports/desired-state-store.js";
import type { Clock } from "../ports/clock.js";
import type { LiveProfileSource, LiveSnapshot } from "../ports/live-profile-source.js";
import type { ReportStore } from "../ports/report-store.js";
import type { CycleError, CycleResult } from "../run-audit.js";
import { auditErrorReport } from "../../core/assess-profile.js";
import { describeError } from "../errors.js";
import { resolveRecoveredScopes } from "../resolve-recovered-scopes.js";
import { packListedBatches } from "./pack-listed-batches.js";
import { reportPoisonedAudits, type PoisonSummary } from "./poisoned-audits.js";

export interface ScheduledAuditDeps {
  clock: Clock;
  live: Pick<LiveProfileSource, "readWatched">;
  reports: Pick<ReportStore, "save" | "listLatest" | "remove"> & Partial<Pick<ReportStore, "latest">>;
  alerts: Pick<AlertDispatcher, "dispatch">;
  /** Absent where there is no queue (CLI, `serve` without storage): every cycle then runs inline. */
  queue: AuditQueue | undefined;
  /**
   * Read once per fan-out cycle and carried in the messages, so queued audits read no desired
   * state. Absent (or failing): each queued audit reads its profiles' desired states itself.
   */
  desired?: Pick<DesiredStateStore, "list">;
  /** One whole cycle in this process from the snapshot just read (`runAuditCycle` bound to a Runtime). */
  auditInline(snapshot: LiveSnapshot): Promise<CycleResult>;
}

export interface ScheduledAuditOptions {
  /** Above this many watched profiles the cycle fans out through the queue. */
  fanoutThreshold: number;
  /**
   * Send the listed profiles in the messages (default). False sends one profile key per message,
   * each queued audit then reading its profile from ARM: the former design, kept for the
   * scale bench's baseline.
   */
  carrySnapshot?: boolean;
}

export type ScheduledAuditResult =
  | { mode: "inline"; profiles: number; poison: PoisonSummary; errors: CycleError[] }
  | {
      mode: "fan-out";
      cycleId: string;
      profiles: number;
      /** Profiles enqueued. */
      enqueued: number;
      /** Queue messages they took (several listed profiles per message). */
      messages: number;
      /** Watched profiles ARM could not list; each got an AUDIT_ERROR report here. */
      unreadable: number;
      poison: PoisonSummary;
    };

const NO_POISON: PoisonSummary = { reported: [], unreadable: 0 };

/**
 * What the timer runs. Small estates are audited in this invocation. Large ones only list the
 * watched profiles (one ARM call per subscription and page) and enqueue them as listed, several
 * per message, so the scale controller spreads the audits over instances without another ARM
 * read per profile; `auditWorkItem` handles each message.
 * Messages the host gave up on in an earlier cycle become AUDIT_ERROR reports first.
 */
export async function runScheduledAudit(
  deps: ScheduledAuditDeps,
  options: ScheduledAuditOptions,
): Promise<ScheduledAuditResult> {
  const poison = deps.queue ? await reportPoisonedAudits({ ...deps, queue: deps.queue }) : NO_POISON;
  // Taken after the poison reports are saved, so those never look like this cycle's audits.
  const startedAt = deps.clock.now();
  const snapshot = await readWatchedSafely(deps.live);
  if (!deps.queue || snapshot.profiles.length <= options.fanoutThreshold) {
    const cycle = await deps.auditInline(snapshot);
    return { mode: "inline", profiles: snapshot.profiles.length, poison, errors: cycle.errors ?? [] };
  }

  const cycleId = `${startedAt.toISOString()}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
  const keys = [...new Set(snapshot.profiles.map((p) => formatProfileKey(p.key)))];
  const failed = await reportReadFailures(deps, snapshot, new Set(keys));
  await resolveRecoveredScopes(deps, snapshot.failures);
  const items: AuditMessage[] =
    options.carrySnapshot === false
      ? keys.map((profile) => ({ cycleId, cycleStartedAt: startedAt.toISOString(), profile }))
      : packListedBatches({
          cycleId,
          cycleStartedAt: startedAt.toISOString(),
          snapshot,
          desired: await readDesiredOnce(deps.desired),
        });
  await deps.queue.enqueue(items);
  return {
    mode: "fan-out",
    cycleId,
    profiles: keys.length,
    enqueued: keys.length,
    messages: items.length,
    unreadable: failed,
    poison,
  };
}

/** The cycle's desired states (one query); undefined when there is no store or it failed. */
async function readDesiredOnce(
  store: Pick<DesiredStateStore, "list"> | undefined,
): Promise<Map<string, DesiredState> | undefined> {
  if (!store) return undefined;
  try {
    return new Map((await store.list()).map((s) => [s.profile.toLowerCase(), s.document]));
  } catch {
    // Each queued audit then reads its own and reports a failure as it always did.
    return undefined;
  }
}

/**
 * A source that throws yields a failure instead, so the cycle still writes an AUDIT_ERROR report
 * (as runAuditCycle does) rather than failing the invocation with nothing reported.
 */
async function readWatchedSafely(live: Pick<LiveProfileSource, "readWatched">): Promise<LiveSnapshot> {
  try {
    return await live.readWatched();
  } catch (e: unknown) {
    const message = `Could not read live profiles: ${describeError(e)}`;
    return {
      profiles: [],
      related: new Map(),
      failures: [{ scope: "all watched profiles", profiles: [], reason: "upstream", message }],
    };
  }
}

/**
 * Profiles hidden by a failed list call would fail again in the queue; report them now. A failure
 * that names no profile (a subscription or resource-group scope that could not be listed) gets a
 * report under its scope, as in the inline cycle, so an unreadable scope is never silent. Profiles
 * that were read are left to their queued audit, which gets the failures naming them.
 */
async function reportReadFailures(
  deps: ScheduledAuditDeps,
  snapshot: LiveSnapshot,
  enqueued: ReadonlySet<string>,
): Promise<number> {
  const at = deps.clock.now();
  const reports = new Map<string, Report>();
  for (const failure of snapshot.failures) {
    const targets = failure.profiles.length > 0 ? failure.profiles : [failure.scope];
    for (const target of targets) {
      const key = target.toLowerCase();
      if (enqueued.has(key) || reports.has(key)) continue;
      reports.set(key, auditErrorReport(target, failure.message, at));
    }
  }
  for (const report of reports.values()) await deps.reports.save(report);
  if (reports.size > 0) await deps.alerts.dispatch([...reports.values()]);
  return reports.size;
}
