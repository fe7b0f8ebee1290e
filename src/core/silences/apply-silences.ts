import type { Finding, FindingCode } from "../finding.js";
import type { Report, ReportSilence } from "../report.js";

export type { ReportSilence } from "../report.js";
import { openWindow, type MaintenanceWindow, type OpenWindow } from "./maintenance.js";
import { silenceState, type Silence } from "./silence.js";

/**
 * Codes that say tm-sentinel itself could not see or could not tell: a silence or window hides
 * them only when it names them in `codes`, so planned work never masks a broken watchdog.
 */
export const PROTECTED_CODES: readonly FindingCode[] = ["AUDIT_ERROR", "ALERT_DELIVERY_FAILED"];

/** The `silencedBy` entry of a maintenance window. */
export const MAINTENANCE = "maintenance";

function codeMatches(codes: readonly FindingCode[] | undefined, code: FindingCode): boolean {
  return codes === undefined ? !PROTECTED_CODES.includes(code) : codes.includes(code);
}

function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Whether the silence applies to the profile at all (its profile matcher), ignoring time. */
export function silenceCoversProfile(silence: Pick<Silence, "matchers">, profile: string): boolean {
  return silence.matchers.profile === "*" || same(silence.matchers.profile, profile);
}

/**
 * Whether the silence hides this finding of `profile` at `at`: in force (startsAt ≤ at < endsAt,
 * to the millisecond), profile `*` or equal, endpoint (when set) equal, code listed (when codes are
 * set; without codes every code except the protected ones).
 */
export function silenceMatches(silence: Silence, profile: string, finding: Finding, at: Date): boolean {
  if (silenceState(silence, at) !== "active") return false;
  if (!silenceCoversProfile(silence, profile)) return false;
  if (silence.matchers.endpoint !== undefined && !same(silence.matchers.endpoint, finding.endpoint))
    return false;
  return codeMatches(silence.matchers.codes, finding.code);
}

export function windowMatches(open: OpenWindow, finding: Finding): boolean {
  const { endpoints, codes } = open.window;
  if (endpoints !== undefined && !endpoints.some((e) => same(e, finding.endpoint))) return false;
  return codeMatches(codes, finding.code);
}

export interface SilenceContext {
  /** Silences to consider (any state: only those in force at `at` count). */
  silences: readonly Silence[];
  /** The profile's maintenance windows (from its desired state). */
  maintenance?: readonly MaintenanceWindow[];
  at: Date;
}

/**
 * Marks every silenced finding of the report with `silencedBy` (silence ids, `maintenance`) and
 * `silencedUntil` (the latest end among them), and lists in `report.silences` what is in force for
 * the profile. Findings stay in the report; nothing else changes. Pure.
 */
export function applySilences(report: Report, ctx: SilenceContext): Report {
  const profile = report.profile.toLowerCase();
  const inForce = ctx.silences.filter(
    (s) => silenceState(s, ctx.at) === "active" && silenceCoversProfile(s, profile),
  );
  const windows = (ctx.maintenance ?? [])
    .map((w) => openWindow(w, ctx.at))
    .filter((w): w is OpenWindow => w !== undefined);
  const counts = new Map<string, number>();
  const findings = report.findings.map((f) => {
    const { silencedBy: _old, silencedUntil: _until, ...plain } = f;
    const ends: number[] = [];
    const by: string[] = [];
    for (const s of inForce) {
      if (!silenceMatches(s, profile, f, ctx.at)) continue;
      by.push(s.id);
      ends.push(Date.parse(s.endsAt));
      counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
    }
    const matchedWindows = windows.filter((w) => windowMatches(w, f));
    if (matchedWindows.length > 0) {
      by.push(MAINTENANCE);
      ends.push(...matchedWindows.map((w) => w.endsAt.getTime()));
      for (const w of matchedWindows) counts.set(windowKey(w), (counts.get(windowKey(w)) ?? 0) + 1);
    }
    if (by.length === 0) return plain;
    return { ...plain, silencedBy: by, silencedUntil: new Date(Math.max(...ends)).toISOString() };
  });
  const listed: ReportSilence[] = [
    ...inForce.map((s) => ({
      id: s.id,
      endsAt: s.endsAt,
      comment: s.comment,
      createdBy: s.createdBy,
      findings: counts.get(s.id) ?? 0,
    })),
    ...windows.map((w) => ({
      id: MAINTENANCE,
      endsAt: w.endsAt.toISOString(),
      comment: w.window.comment,
      findings: counts.get(windowKey(w)) ?? 0,
    })),
  ];
  const { silences: _previous, ...rest } = report;
  return { ...rest, findings, ...(listed.length > 0 && { silences: listed }) };
}

function windowKey(w: OpenWindow): string {
  return `${MAINTENANCE}|${w.window.schedule}|${w.window.comment}|${w.startedAt.toISOString()}`;
}

/** Whether every finding of a group is silenced (an incident is held only then). */
export function allSilenced(findings: readonly Finding[]): boolean {
  return findings.length > 0 && findings.every((f) => (f.silencedBy?.length ?? 0) > 0);
}
