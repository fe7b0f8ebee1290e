import pLimit from "p-limit";
import { auditErrorReport } from "../core/assess-profile.js";
import type { DesiredState } from "../core/desired-state.js";
import type { Finding } from "../core/finding.js";
import type { ProfileKey } from "../core/profile.js";
import { formatProfileKey } from "../core/profile-key.js";
import type { Report, ServingBasis } from "../core/report.js";
import { auditOneProfile } from "./audit-one-profile.js";
import type { AuditDeps, AuditOptions } from "./audit-types.js";
import { describeError } from "./errors.js";
import { resolveRecoveredScopes } from "./resolve-recovered-scopes.js";
import type { LiveSnapshot } from "./ports/live-profile-source.js";
import * as telemetry from "./telemetry/telemetry.js";

// Re-exported so callers keep one import for the audit use case.
export type { AuditDeps, AuditOptions } from "./audit-types.js";
import { applySilences } from "../core/silences/apply-silences.js";
import type { MaintenanceWindow } from "../core/silences/maintenance.js";
import type { Silence } from "../core/silences/silence.js";

/** A step after the audit that failed (saving a report, dispatching alerts); the audit still counts. */
export interface CycleError {
  stage: "save" | "dispatch" | "history";
  profile?: string;
  message: string;
}

export interface CycleResult {
  startedAt: string;
  finishedAt: string;
  reports: Report[];
  /** Failures of saving or dispatching; absent when there were none. */
  errors?: CycleError[];
}

export type DesiredLookup = (profile: string) => Promise<DesiredState | undefined>;

/** One audit of every watched profile: read live once, desired once, then each profile concurrently. */
export async function runAuditCycle(deps: AuditDeps, options: AuditOptions): Promise<CycleResult> {
  const startedAt = deps.clock.now().toISOString();
  const cycle = telemetry.startCycleTrace("cycle");
  const reading = cycle.begin("armRead");
  const snapshot = await readSafely(() => deps.live.readWatched(), ["all watched profiles"]);
  reading.end();
  let byProfile: Map<string, DesiredState> | Error;
  try {
    byProfile = new Map((await deps.desired.list()).map((s) => [s.profile.toLowerCase(), s.document]));
  } catch (e: unknown) {
    byProfile = new Error(`Could not read desired states: ${describeError(e)}`);
  }
  const lookup: DesiredLookup = (profile) =>
    byProfile instanceof Error ? Promise.reject(byProfile) : Promise.resolve(byProfile.get(profile));
  const probing = cycle.begin("probes");
  const reports = await auditSnapshot(deps, snapshot, lookup, options, []);
  probing.end();
  const result = await finish(deps, startedAt, reports, cycle);
  // Only a read of everything watched can show that a scope which failed before is readable again.
  const recovery = await resolveRecoveredScopes(deps, snapshot.failures);
  if (recovery.error !== undefined)
    result.errors = [...(result.errors ?? []), { stage: "dispatch", message: recovery.error }];
  return result;
}

/**
 * runAuditCycle over a snapshot the caller already read (the timer lists first to choose between
 * inline and fan-out), so a small estate costs one ARM pass, not two.
 */
export function cycleFromSnapshot(
  deps: AuditDeps,
  options: AuditOptions,
): (snapshot: LiveSnapshot) => Promise<CycleResult> {
  return (snapshot) =>
    runAuditCycle(
      {
        ...deps,
        live: {
          readWatched: () => Promise.resolve(snapshot),
          readProfiles: (k) => deps.live.readProfiles(k),
        },
      },
      options,
    );
}

/** Audits the given profiles only (HTTP audit-now, queue fan-out). Unknown keys get AUDIT_ERROR. */
export async function auditProfiles(
  deps: AuditDeps,
  keys: ProfileKey[],
  options: AuditOptions,
): Promise<CycleResult> {
  const startedAt = deps.clock.now().toISOString();
  const wanted = keys.map((k) => formatProfileKey(k));
  const cycle = telemetry.startCycleTrace("profiles");
  const reading = cycle.begin("armRead");
  const snapshot = await readSafely(() => deps.live.readProfiles(keys), wanted);
  reading.end();
  const lookup: DesiredLookup = async (profile) => (await deps.desired.get(profile))?.document;
  const probing = cycle.begin("probes");
  const reports = await auditSnapshot(deps, snapshot, lookup, options, wanted);
  probing.end();
  return finish(deps, startedAt, reports, cycle);
}

/** A source that throws (it cannot work at all) still yields AUDIT_ERROR reports, never silence. */
async function readSafely(read: () => Promise<LiveSnapshot>, scopes: string[]): Promise<LiveSnapshot> {
  try {
    return await read();
  } catch (e: unknown) {
    const message = `Could not read live profiles: ${describeError(e)}`;
    const failures = scopes.map((scope) => ({
      scope,
      profiles: scope.includes("/") ? [scope] : [],
      reason: "upstream" as const,
      message,
    }));
    return { profiles: [], related: new Map(), failures };
  }
}

/** Audits every profile of a snapshot; failures become findings or AUDIT_ERROR reports. */
export async function auditSnapshot(
  deps: AuditDeps,
  snapshot: LiveSnapshot,
  lookup: DesiredLookup,
  options: AuditOptions,
  expected: string[],
): Promise<Report[]> {
  const readKeys = new Set(snapshot.profiles.map((p) => formatProfileKey(p.key)));
  // A failure that names a profile we did read (e.g. its nested child failed) joins its report.
  const failureFindings = new Map<string, Finding[]>();
  const errorReports: Report[] = [];
  for (const failure of snapshot.failures) {
    const profiles = failure.profiles.map((p) => p.toLowerCase());
    if (profiles.length === 0)
      errorReports.push(auditErrorReport(failure.scope, failure.message, deps.clock.now()));
    for (const profile of profiles) {
      if (readKeys.has(profile)) {
        const list = failureFindings.get(profile) ?? [];
        list.push({ code: "AUDIT_ERROR", severity: "critical", message: failure.message });
        failureFindings.set(profile, list);
      } else if (!errorReports.some((r) => r.profile === profile)) {
        errorReports.push(auditErrorReport(profile, failure.message, deps.clock.now()));
      }
    }
  }
  for (const key of expected) {
    if (!readKeys.has(key) && !errorReports.some((r) => r.profile === key)) {
      errorReports.push(
        auditErrorReport(
          key,
          `Profile ${key} was not returned by the live source; check that it exists.`,
          deps.clock.now(),
        ),
      );
    }
  }

  const silenced = await silencer(deps);
  const limit = telemetry.measuredLimit(pLimit(Math.max(1, options.profileConcurrency)));
  const audited = await Promise.all(
    snapshot.profiles.map((profile) =>
      limit(async () => {
        const key = formatProfileKey(profile.key);
        try {
          const desired = await lookup(key);
          return silenced(
            await auditOneProfile(
              deps,
              profile,
              snapshot.related,
              desired,
              options,
              failureFindings.get(key) ?? [],
            ),
            desired?.maintenance,
          );
        } catch (e: unknown) {
          return auditErrorReport(key, `Audit of ${key} failed: ${describeError(e)}`, deps.clock.now());
        }
      }),
    ),
  );
  return [...audited, ...errorReports.map((r) => silenced(r, undefined))];
}

/**
 * Marks silenced findings (docs/silences.md). The silences are read once per cycle; when they
 * cannot be read, nothing is silenced: a notification too many beats a problem hidden.
 */
async function silencer(
  deps: AuditDeps,
): Promise<(report: Report, maintenance: readonly MaintenanceWindow[] | undefined) => Report> {
  const at = deps.clock.now();
  let silences: Silence[] = [];
  try {
    silences = deps.silences ? await deps.silences.active(at) : [];
  } catch {
    silences = [];
  }
  return (report, maintenance) =>
    silences.length === 0 && (maintenance?.length ?? 0) === 0
      ? report
      : applySilences(report, { silences, ...(maintenance && { maintenance }), at });
}

/** Saves every report and dispatches alerts; failures there are recorded, never thrown. */
async function finish(
  deps: AuditDeps,
  startedAt: string,
  reports: Report[],
  cycle: telemetry.CycleTrace,
): Promise<CycleResult> {
  const errors: CycleError[] = [];
  if (deps.reports) {
    const store = deps.reports;
    const storing = cycle.begin("store");
    await Promise.all(
      reports.map(async (report) => {
        try {
          await store.save(report);
        } catch (e: unknown) {
          errors.push({ stage: "save", profile: report.profile, message: describeError(e) });
          return; // as in the fan-out: the history shows saved reports only
        }
        await recordHistory(deps, report, errors);
      }),
    );
    storing.end();
  }
  if (deps.alerts) {
    const alerting = cycle.begin("alerts");
    try {
      await deps.alerts.dispatch(reports);
    } catch (e: unknown) {
      errors.push({ stage: "dispatch", message: describeError(e) });
    }
    alerting.end();
  }
  const result: CycleResult = { startedAt, finishedAt: deps.clock.now().toISOString(), reports };
  if (errors.length > 0) result.errors = errors;
  cycle.end({ "tm_sentinel.profiles": reports.length, "tm_sentinel.errors": errors.length });
  return result;
}

/** The status page's history: a failure there is recorded like a failed save, never thrown. */
async function recordHistory(deps: AuditDeps, report: Report, errors: CycleError[]): Promise<void> {
  if (!deps.statusHistory) return;
  try {
    telemetry.recordHistoryEvents(report.profile, await deps.statusHistory.record(report));
  } catch (e: unknown) {
    errors.push({ stage: "history", profile: report.profile, message: describeError(e) });
  }
}

/** The probe settings the audit options derive from (AppConfig["probe"] has them). */
export interface AuditProbeSettings {
  enabled: boolean;
  /** SERVING_BASIS as set; undefined: the one default rule (core/serving-basis.ts). */
  basisSetting?: ServingBasis | undefined;
  certWarningDays: number;
  certCriticalDays: number;
  profileConcurrency: number;
}

/** The audit options the app's configuration implies (takes the config; reads only its probe part). */
export function auditOptionsFromConfig(config: { probe: AuditProbeSettings }): AuditOptions {
  return {
    probe: config.probe.enabled,
    basis: config.probe.basisSetting,
    certWarningDays: config.probe.certWarningDays,
    certCriticalDays: config.probe.certCriticalDays,
    profileConcurrency: config.probe.profileConcurrency,
    checkDns: true,
  };
}
