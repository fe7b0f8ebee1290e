import { advanceIncidents, type AdvanceResult, type Transition } from "../alerts/advance-incidents.js";
import type { AlertPolicy } from "../alerts/alert-policy.js";
import { fingerprintOf, type Incident } from "../alerts/incident.js";
import { SEVERITY_RANK, type Finding, type Severity } from "../finding.js";
import type { Report } from "../report.js";
import { allSilenced } from "./apply-silences.js";

/** An incident with what silences did to it; the extra fields round-trip through the stored state. */
export interface SilenceAwareIncident extends Incident {
  /** Opened while silenced and not announced yet: announced when the silence ends, dropped if it resolves first. */
  held?: true;
  /** The severity last announced, when a rise was held back by a silence. */
  announcedSeverity?: Severity;
  /** Set while its findings are silenced (ids or `maintenance`). */
  silencedBy?: string[];
  silencedUntil?: string;
}

interface Silencing {
  silenced: boolean;
  by: string[];
  until?: string;
}

function silencingByFingerprint(profile: string, findings: readonly Finding[]): Map<string, Silencing> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const fp = fingerprintOf(profile, f.code, f.endpoint);
    groups.set(fp, [...(groups.get(fp) ?? []), f]);
  }
  const out = new Map<string, Silencing>();
  for (const [fp, group] of groups) {
    const by = [...new Set(group.flatMap((f) => f.silencedBy ?? []))];
    const ends = group.flatMap((f) => (f.silencedUntil !== undefined ? [Date.parse(f.silencedUntil)] : []));
    out.set(fp, {
      silenced: allSilenced(group),
      by,
      ...(ends.length > 0 && { until: new Date(Math.max(...ends)).toISOString() }),
    });
  }
  return out;
}

function unsilenced(incident: SilenceAwareIncident): SilenceAwareIncident {
  const { silencedBy: _by, silencedUntil: _until, held: _held, announcedSeverity: _sev, ...rest } = incident;
  return rest;
}

/**
 * The alert state machine with silences (findings marked by applySilences): Alertmanager's rules.
 * - An incident whose findings are all silenced sends nothing: an opening is held, a rise or a
 *   reminder is held back.
 * - When the silence ends and the finding is still there, a held incident is announced then, once
 *   (as `opened`); a held-back rise is announced as `raised`.
 * - A held incident that resolves sends nothing; an announced one still sends its resolution (the
 *   on-call was told it opened).
 * Everything else is advanceIncidents unchanged. Pure: the time is an argument.
 */
export function advanceWithSilences(
  previous: readonly SilenceAwareIncident[],
  report: Pick<Report, "profile" | "findings">,
  now: Date,
  policy: AlertPolicy,
): AdvanceResult & { incidents: SilenceAwareIncident[] } {
  const profile = report.profile.toLowerCase();
  const result = advanceIncidents(previous, report, now, policy);
  const silencing = silencingByFingerprint(profile, report.findings);
  const before = new Map(previous.map((i) => [i.fingerprint, i]));
  const transitionOf = new Map(result.transitions.map((t) => [t.incident.fingerprint, t]));
  const transitions: Transition[] = [];
  const at = now.toISOString();

  const incidents = (result.incidents as SilenceAwareIncident[]).map((incident): SilenceAwareIncident => {
    const fp = incident.fingerprint;
    const prev = before.get(fp);
    const t = transitionOf.get(fp);
    const s = silencing.get(fp);
    if (!s) {
      // Absent (waiting out resolveAfterCycles) or kept while the audit was blind.
      if (t) transitions.push(t);
      return incident;
    }
    if (s.silenced) {
      const next: SilenceAwareIncident = {
        ...incident,
        silencedBy: s.by,
        ...(s.until !== undefined && { silencedUntil: s.until }),
      };
      if (!prev) return { ...next, held: true as const };
      if (t) {
        next.lastNotifiedAt = prev.lastNotifiedAt;
        if (t.kind === "raised" && !prev.held)
          next.announcedSeverity = prev.announcedSeverity ?? prev.severity;
      }
      return next;
    }
    const next = unsilenced(incident);
    if (prev?.held) {
      next.lastNotifiedAt = at;
      transitions.push({ kind: "opened", incident: next });
    } else if (prev?.announcedSeverity !== undefined) {
      const announced = prev.announcedSeverity;
      if (SEVERITY_RANK[next.severity] > SEVERITY_RANK[announced]) {
        next.lastNotifiedAt = at;
        transitions.push({ kind: "raised", incident: next, previousSeverity: announced });
      } else if (t) transitions.push({ ...t, incident: next });
    } else if (t) transitions.push({ ...t, incident: next });
    return next;
  });

  for (const t of result.transitions) {
    if (t.kind !== "resolved") continue;
    if (before.get(t.incident.fingerprint)?.held) continue;
    transitions.push(t);
  }
  return { incidents, transitions };
}
