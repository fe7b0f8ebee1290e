import { formatProfileKey, parseProfileKey } from "../../core/profile-key.js";
import type { LiveProfile, ProfileKey } from "../../core/profile.js";
import type { Report } from "../../core/report.js";
import { DRILL_HISTORY } from "../drills/drill-findings.js";
import { describeError } from "../errors.js";
import type { ListedAuditBatch } from "../ports/audit-queue.js";
import type { LiveSnapshot, ReadFailure } from "../ports/live-profile-source.js";
import {
  auditSnapshot,
  type AuditDeps,
  type AuditOptions,
  type CycleError,
  type CycleResult,
  type DesiredLookup,
} from "../run-audit.js";
import { drillsForBatch, reportsForBatch } from "./batch-reads.js";
import { batchedProbeState } from "./batched-probe-state.js";
import { recordBatchHistory } from "./record-batch-history.js";

/** Failures worth one more read from the queue: the timer's read may have hit a passing fault. */
const RETRIED: ReadonlySet<ReadFailure["reason"]> = new Set(["timeout", "throttled", "upstream"]);

/**
 * Audits the profiles of one listed-snapshot message as the timer listed them: no ARM read for
 * them, none for the nested children the listing held, and no desired-state read when the message
 * carries them. Only a nested child the timer failed to read for a passing reason is read again.
 * Probe counters are read and written once per message; reports are saved in batches.
 */
export async function auditListedBatch(
  deps: AuditDeps,
  batch: ListedAuditBatch,
  options: AuditOptions,
  /** The profiles' latest reports as the redelivery check read them (else read when needed). */
  latest?: ReadonlyMap<string, Report>,
): Promise<CycleResult> {
  const startedAt = deps.clock.now().toISOString();
  const keys = batch.profiles.map((p) => formatProfileKey(p.key));
  const snapshot = await completeSnapshot(deps, batch, new Set(keys));
  const lookup: DesiredLookup = batch.desired
    ? (profile) => Promise.resolve(batch.desired?.[profile])
    : async (profile) => (await deps.desired.get(profile))?.document;
  const errors: CycleError[] = [];
  const probeState = batchedProbeState(deps.probeState, keys);
  const batchDeps: AuditDeps = {
    ...deps,
    probeState,
    ...(deps.alerts && {
      alerts: deps.alerts.forProfiles ? await deps.alerts.forProfiles(keys) : deps.alerts,
    }),
    ...(deps.drills && { drills: drillsForBatch(deps.drills, keys, DRILL_HISTORY) }),
    ...(deps.reports && { reports: reportsForBatch(deps.reports, keys, latest) }),
  };
  const reports = await auditSnapshot(batchDeps, snapshot, lookup, options, keys);
  try {
    await probeState.flush();
  } catch (e: unknown) {
    // Counters not written would restart every tolerated-failure count: let the message retry.
    errors.push({ stage: "save", message: `probe counters: ${describeError(e)}` });
  }
  if (errors.length === 0) errors.push(...(await saveReports(deps, reports)));
  // Only saved reports are told: a redelivery skips those and audits (and tells) the rest.
  const unsaved = new Set(errors.map((e) => e.profile?.toLowerCase() ?? "*"));
  const saved = unsaved.has("*") ? [] : reports.filter((r) => !unsaved.has(r.profile.toLowerCase()));
  errors.push(...(await recordBatchHistory(deps.statusHistory, saved)));
  if (batchDeps.alerts && saved.length > 0) {
    try {
      await batchDeps.alerts.dispatch(saved);
    } catch (e: unknown) {
      errors.push({ stage: "dispatch", message: describeError(e) });
    }
  }
  const result: CycleResult = { startedAt, finishedAt: deps.clock.now().toISOString(), reports };
  if (errors.length > 0) result.errors = errors;
  return result;
}

/** The message's snapshot, with failed children read once more where that may help. */
async function completeSnapshot(
  deps: AuditDeps,
  batch: ListedAuditBatch,
  watched: ReadonlySet<string>,
): Promise<LiveSnapshot> {
  const related = new Map<string, LiveProfile>();
  for (const p of [...batch.profiles, ...batch.related]) related.set(p.id.toLowerCase(), p);
  const retry = new Map<string, ProfileKey>();
  for (const f of batch.failures) {
    const key = RETRIED.has(f.reason) ? parseProfileKey(f.scope) : undefined;
    if (key && !watched.has(formatProfileKey(key))) retry.set(formatProfileKey(key), key);
  }
  let failures = batch.failures;
  if (retry.size > 0) {
    try {
      const read = await deps.live.readProfiles([...retry.values()]);
      for (const [id, p] of read.related) related.set(id, p);
      for (const p of read.profiles) related.set(p.id.toLowerCase(), p);
      const recovered = new Set(read.profiles.map((p) => formatProfileKey(p.key)));
      const stillFailing = new Set(read.failures.flatMap((f) => f.profiles.map((p) => p.toLowerCase())));
      failures = failures.filter((f) => {
        const scope = f.scope.toLowerCase();
        return !recovered.has(scope) || stillFailing.has(scope);
      });
    } catch {
      // The source cannot work at all: the timer's failures stand as they are.
    }
  }
  return { profiles: batch.profiles, related, failures };
}

async function saveReports(deps: AuditDeps, reports: readonly Report[]): Promise<CycleError[]> {
  const store = deps.reports;
  if (!store) return [];
  if (store.saveMany) {
    const failed = await store.saveMany(reports);
    return [...failed].map(([profile, e]) => ({ stage: "save", profile, message: describeError(e) }));
  }
  const errors: CycleError[] = [];
  await Promise.all(
    reports.map(async (report) => {
      try {
        await store.save(report);
      } catch (e: unknown) {
        errors.push({ stage: "save", profile: report.profile, message: describeError(e) });
      }
    }),
  );
  return errors;
}
