import { parseProfileKey } from "./profile-key.js";
import { auditErrorReport } from "./assess-profile.js";
import type { Report } from "./report.js";

/**
 * A report filed under a read scope (`/subscriptions/{id}`, a resource group, "all watched
 * profiles", a profile file) rather than a profile: the scope could not be read, so no profile
 * was there to carry the AUDIT_ERROR. Such reports have no ARM ID (see auditErrorReport).
 */
export function isScopeReport(report: Pick<Report, "profile" | "profileId">): boolean {
  return report.profileId === "" && parseProfileKey(report.profile) === undefined;
}

/**
 * The report that tells the alert state machine a scope was read successfully again: no
 * findings, so the scope's AUDIT_ERROR incident resolves. It is dispatched, never stored: the
 * scope has nothing to list once it can be read (its profiles carry their own reports).
 */
export function scopeRecoveredReport(scope: string, now: Date): Report {
  return { ...auditErrorReport(scope, "", now), findings: [] };
}

/**
 * Scopes whose earlier read failed (a stored scope report) and that this read did not fail:
 * a read that lists everything watched and reports no failure for a scope has read it.
 */
export function recoveredScopes(
  stored: readonly Pick<Report, "profile" | "profileId">[],
  failedScopes: readonly string[],
): string[] {
  const failing = new Set(failedScopes.map((s) => s.toLowerCase()));
  return stored
    .filter((r) => isScopeReport(r) && !failing.has(r.profile.toLowerCase()))
    .map((r) => r.profile);
}
