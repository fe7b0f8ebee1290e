import pLimit from "p-limit";
import { auditErrorReport } from "../core/assess-profile.js";
import type { DesiredState } from "../core/desired-state.js";
import type { Finding } from "../core/finding.js";
import type { ProfileKey } from "../core/profile.js";
import { formatProfileKey } from "../core/profile-key.js";
import type { Report, ServingBasis } from "../core/report.js";
import type { AppConfig } from "../config/load-config.js";
import { auditOneProfile } from "./audit-one-profile.js";
import { describeError } from "./errors.js";
import type { AlertDispatcher } from "./ports/alert-dispatcher.js";
import type { Clock } from "./ports/clock.js";
import type { DesiredStateStore } from "./ports/desired-state-store.js";
import type { DnsResolver } from "./ports/dns-resolver.js";
import type { DrillStore } from "./ports/drill-store.js";
import type { EndpointProber } from "./ports/endpoint-prober.js";
import type { LiveProfileSource, LiveSnapshot } from "./ports/live-profile-source.js";
import type { ProbeStateStore } from "./ports/probe-state-store.js";
import type { ReportStore } from "./ports/report-store.js";

export interface AuditDeps {
  live: LiveProfileSource;
  desired: Pick<DesiredStateStore, "list" | "get">;
  probeState: ProbeStateStore;
  clock: Clock;
  prober?: EndpointProber;
  dns?: DnsResolver;
  reports?: ReportStore;
  alerts?: AlertDispatcher;
  /** Drill history, for DRILL_FAILED / DRILL_PASSED / DRILL_SKIPPED (docs/drills.md). */
  drills?: Pick<DrillStore, "list">;
}

export interface AuditOptions {
  /** Probe endpoints ourselves (needs `deps.prober`). */
  probe: boolean;
  /** Which statuses decide the serving endpoint when verdicts exist (else Traffic Manager's). */
  basis: ServingBasis;
  certWarningDays: number;
  /** Profiles audited at once. */
  profileConcurrency: number;
  /** Check desired vanityDomains' CNAME chains (needs `deps.dns`). */
  checkDns: boolean;
}

/** A step after the audit that failed (saving a report, dispatching alerts); the audit still counts. */
export interface CycleError {
  stage: "save" | "dispatch";
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

type DesiredLookup = (profile: string) => Promise<DesiredState | undefined>;

/** One audit of every watched profile: read live once, desired once, then each profile concurrently. */
export async function runAuditCycle(deps: AuditDeps, options: AuditOptions): Promise<CycleResult> {
  const startedAt = deps.clock.now().toISOString();
  const snapshot = await readSafely(() => deps.live.readWatched(), ["all watched profiles"]);
  let byProfile: Map<string, DesiredState> | Error;
  try {
    byProfile = new Map((await deps.desired.list()).map((s) => [s.profile.toLowerCase(), s.document]));
  } catch (e: unknown) {
    byProfile = new Error(`Could not read desired states: ${describeError(e)}`);
  }
  const lookup: DesiredLookup = (profile) =>
    byProfile instanceof Error ? Promise.reject(byProfile) : Promise.resolve(byProfile.get(profile));
  return finish(deps, startedAt, await auditSnapshot(deps, snapshot, lookup, options, []));
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
  const snapshot = await readSafely(() => deps.live.readProfiles(keys), wanted);
  const lookup: DesiredLookup = async (profile) => (await deps.desired.get(profile))?.document;
  return finish(deps, startedAt, await auditSnapshot(deps, snapshot, lookup, options, wanted));
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

async function auditSnapshot(
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

  const limit = pLimit(Math.max(1, options.profileConcurrency));
  const audited = await Promise.all(
    snapshot.profiles.map((profile) =>
      limit(async () => {
        const key = formatProfileKey(profile.key);
        try {
          const desired = await lookup(key);
          return await auditOneProfile(
            deps,
            profile,
            snapshot.related,
            desired,
            options,
            failureFindings.get(key) ?? [],
          );
        } catch (e: unknown) {
          return auditErrorReport(key, `Audit of ${key} failed: ${describeError(e)}`, deps.clock.now());
        }
      }),
    ),
  );
  return [...audited, ...errorReports];
}

/** Saves every report and dispatches alerts; failures there are recorded, never thrown. */
async function finish(deps: AuditDeps, startedAt: string, reports: Report[]): Promise<CycleResult> {
  const errors: CycleError[] = [];
  if (deps.reports) {
    const store = deps.reports;
    await Promise.all(
      reports.map(async (report) => {
        try {
          await store.save(report);
        } catch (e: unknown) {
          errors.push({ stage: "save", profile: report.profile, message: describeError(e) });
        }
      }),
    );
  }
  if (deps.alerts) {
    try {
      await deps.alerts.dispatch(reports);
    } catch (e: unknown) {
      errors.push({ stage: "dispatch", message: describeError(e) });
    }
  }
  const result: CycleResult = { startedAt, finishedAt: deps.clock.now().toISOString(), reports };
  if (errors.length > 0) result.errors = errors;
  return result;
}

/** The audit options the app's configuration implies. */
export function auditOptionsFromConfig(config: AppConfig): AuditOptions {
  return {
    probe: config.probe.enabled,
    basis: config.probe.basis,
    certWarningDays: config.probe.certWarningDays,
    profileConcurrency: config.probe.profileConcurrency,
    checkDns: true,
  };
}
