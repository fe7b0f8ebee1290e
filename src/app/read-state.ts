import type { Severity } from "../core/finding.js";
import type { Report } from "../core/report.js";
import { AppError } from "./errors.js";
import type { DesiredStateStore, StoredDesiredState } from "./ports/desired-state-store.js";
import type { ReportStore } from "./ports/report-store.js";

/** @throws AppError NOT_FOUND when the profile has no desired state. */
export async function getDesired(store: DesiredStateStore, profile: string): Promise<StoredDesiredState> {
  const stored = await store.get(profile);
  if (!stored) throw new AppError("NOT_FOUND", `No desired state is stored for ${profile}.`);
  return stored;
}

/** @throws AppError NOT_FOUND when the profile has not been audited yet. */
export async function getReport(store: ReportStore, profile: string): Promise<Report> {
  const report = await store.latest(profile);
  if (!report) throw new AppError("NOT_FOUND", `No audit report exists for ${profile} yet.`);
  return report;
}

export interface ProfileSummary {
  profile: string;
  desired: { version: number; updatedAt: string; updatedBy: string } | null;
  lastAudit: {
    generatedAt: string;
    servingEndpoint: string | null;
    worstSeverity: Severity | null;
    findings: Record<Severity, number>;
    codes: string[];
  } | null;
}

/**
 * Profiles tm-sentinel knows: every profile with a desired state or an audit report (after the
 * first audit that is every watched profile). Reads storage only, never ARM, so it is cheap.
 */
export async function listProfiles(ports: {
  desired: DesiredStateStore;
  reports: ReportStore;
}): Promise<ProfileSummary[]> {
  const [desired, reports] = await Promise.all([ports.desired.list(), ports.reports.listLatest()]);
  const byKey = new Map<string, ProfileSummary>();
  const entry = (profile: string): ProfileSummary => {
    const key = profile.toLowerCase();
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { profile: key, desired: null, lastAudit: null }));
    return e;
  };
  for (const d of desired)
    entry(d.profile).desired = { version: d.version, updatedAt: d.updatedAt, updatedBy: d.updatedBy };
  for (const r of reports) entry(r.profile).lastAudit = summarise(r);
  return [...byKey.values()].sort((a, b) => a.profile.localeCompare(b.profile));
}

function summarise(r: Report): NonNullable<ProfileSummary["lastAudit"]> {
  const findings: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
  for (const f of r.findings) findings[f.severity] += 1;
  const worst = (["critical", "warning", "info"] as const).find((s) => findings[s] > 0) ?? null;
  return {
    generatedAt: r.generatedAt,
    servingEndpoint: r.servingEndpoint,
    worstSeverity: worst,
    findings,
    codes: [...new Set(r.findings.map((f) => f.code))],
  };
}
