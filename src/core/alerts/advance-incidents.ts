import { SEVERITY_RANK, type Finding, type Severity } from "../finding.js";
import type { Report } from "../report.js";
import type { AlertPolicy } from "./alert-policy.js";
import { fingerprintOf, type Incident } from "./incident.js";

export type TransitionKind = "opened" | "raised" | "reminder" | "resolved";

/** A change worth a notification. `incident` is its state after this cycle. */
export interface Transition {
  kind: TransitionKind;
  incident: Incident;
  /** For `raised`: the severity before. */
  previousSeverity?: Severity;
  /** For `resolved`: from opening until the finding went away. */
  durationMs?: number;
}

export interface AdvanceResult {
  /** Incidents still open after this cycle (including those waiting out their absence). */
  incidents: Incident[];
  transitions: Transition[];
}

/** One finding per fingerprint: the most severe wins when a report repeats one. */
function indexFindings(profile: string, findings: readonly Finding[]): Map<string, Finding> {
  const byFingerprint = new Map<string, Finding>();
  for (const f of findings) {
    const fp = fingerprintOf(profile, f.code, f.endpoint);
    const seen = byFingerprint.get(fp);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) byFingerprint.set(fp, f);
  }
  return byFingerprint;
}

function isReminderDue(incident: Incident, now: Date, policy: AlertPolicy): boolean {
  const interval = policy.repeatMs[incident.severity];
  return interval > 0 && now.getTime() - Date.parse(incident.lastNotifiedAt) >= interval;
}

function stillPresent(prev: Incident, f: Finding, now: Date, policy: AlertPolicy): [Incident, Transition?] {
  const at = now.toISOString();
  const { absentSince: _gone, peakSeverity: previousPeak, ...rest } = prev;
  const peak = [previousPeak ?? prev.severity, f.severity].sort(
    (a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a],
  )[0]!;
  const next: Incident = {
    ...rest,
    severity: f.severity,
    ...(peak !== f.severity && { peakSeverity: peak }),
    message: f.message,
    lastSeenAt: at,
    absentCycles: 0,
  };
  if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) {
    next.lastNotifiedAt = at;
    return [next, { kind: "raised", incident: next, previousSeverity: prev.severity }];
  }
  if (isReminderDue(next, now, policy)) {
    next.lastNotifiedAt = at;
    return [next, { kind: "reminder", incident: next }];
  }
  return [next];
}

function absent(prev: Incident, now: Date, policy: AlertPolicy): [Incident | undefined, Transition?] {
  const absentSince = prev.absentSince ?? now.toISOString();
  const next: Incident = { ...prev, absentCycles: prev.absentCycles + 1, absentSince };
  // A read that succeeded is proof the read works again, not one sample of a flapping condition.
  const proven = prev.code === "AUDIT_ERROR";
  if (!proven && next.absentCycles < Math.max(1, policy.resolveAfterCycles)) return [next];
  const durationMs = Math.max(0, Date.parse(absentSince) - Date.parse(prev.openedAt));
  return [undefined, { kind: "resolved", incident: next, durationMs }];
}

/**
 * The alert state machine for one profile and one cycle: which incidents open, rise in severity,
 * are due a reminder, or resolve. Pure: the time is an argument.
 *
 * A report carrying AUDIT_ERROR could not see the profile, so the absence of other findings means
 * nothing: their incidents are kept as they are instead of being resolved.
 */
export function advanceIncidents(
  previous: readonly Incident[],
  report: Pick<Report, "profile" | "findings">,
  now: Date,
  policy: AlertPolicy,
): AdvanceResult {
  const profile = report.profile.toLowerCase();
  const findings = indexFindings(profile, report.findings);
  const blind = report.findings.some((f) => f.code === "AUDIT_ERROR");
  const incidents: Incident[] = [];
  const transitions: Transition[] = [];
  const known = new Set<string>();

  for (const prev of previous) {
    known.add(prev.fingerprint);
    const f = findings.get(prev.fingerprint);
    if (!f && blind && prev.code !== "AUDIT_ERROR") {
      incidents.push(prev);
      continue;
    }
    const [next, transition] = f ? stillPresent(prev, f, now, policy) : absent(prev, now, policy);
    if (next) incidents.push(next);
    if (transition) transitions.push(transition);
  }

  const at = now.toISOString();
  for (const [fingerprint, f] of findings) {
    if (known.has(fingerprint)) continue;
    const incident: Incident = {
      fingerprint,
      code: f.code,
      ...(f.endpoint !== undefined && { endpoint: f.endpoint }),
      severity: f.severity,
      message: f.message,
      openedAt: at,
      lastSeenAt: at,
      lastNotifiedAt: at,
      absentCycles: 0,
    };
    incidents.push(incident);
    transitions.push({ kind: "opened", incident });
  }
  return { incidents, transitions };
}
