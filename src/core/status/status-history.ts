import { SEVERITY_RANK, type Severity } from "../finding.js";
import type { Report } from "../report.js";

/** One audit of one profile reduced to what the status page charts. */
export interface StatusSample {
  at: string;
  serving: string | null;
  endpoints: SampleEndpoint[];
}

export interface SampleEndpoint {
  name: string;
  /** Our probe passed; without a probe, Traffic Manager said Online. */
  up: boolean;
  /** Probe latency, when we probed. */
  ms?: number;
}

/** A problem (finding at warning or above) as the history tracks it between audits. */
export interface OpenProblem {
  code: string;
  endpoint?: string;
  severity: Severity;
  /** When it first appeared in an uninterrupted run of audits. */
  since: string;
}

export type StatusEvent =
  | { at: string; kind: "failover"; from: string | null; to: string | null }
  | { at: string; kind: "opened" | "resolved"; code: string; endpoint?: string; severity: Severity };

/** What the next audit is compared with: the serving endpoint and the problems of the last one. */
export interface HistoryTail {
  at: string;
  serving: string | null;
  problems: OpenProblem[];
}

/**
 * One profile's history for one UTC day, as stored. Samples are compact tuples (about 30 bytes per
 * endpoint per audit) so a day at a one-minute schedule still fits a few Table properties.
 */
export interface HistoryDay {
  profile: string;
  /** UTC day `YYYY-MM-DD`. */
  day: string;
  /** Endpoint names; samples refer to them by index. */
  names: string[];
  /** `[secondsIntoDay, servingIndex (-1: none), "1"/"0" per endpoint, latency ms per endpoint (-1: none)]`. */
  samples: [number, number, string, number[]][];
  events: StatusEvent[];
  tail: HistoryTail;
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function sampleFromReport(report: Report): StatusSample {
  return {
    at: report.generatedAt,
    serving: report.servingEndpoint,
    endpoints: report.endpoints.map((e) => {
      const out: SampleEndpoint = {
        name: e.name,
        up: e.probe ? e.probe.last.healthy : e.tmStatus === "Online",
      };
      if (e.probe) out.ms = Math.round(e.probe.last.latencyMs);
      return out;
    }),
  };
}

const problemKey = (p: { code: string; endpoint?: string }) => `${p.code}|${p.endpoint ?? ""}`.toLowerCase();

/** The report's findings at warning or above, carrying `since` over from the previous tail. */
function problemsOf(report: Report, previous: HistoryTail | undefined): OpenProblem[] {
  const before = new Map((previous?.problems ?? []).map((p) => [problemKey(p), p]));
  const out = new Map<string, OpenProblem>();
  for (const f of report.findings) {
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK.warning) continue;
    const key = problemKey(f);
    const known = out.get(key);
    if (known && SEVERITY_RANK[known.severity] >= SEVERITY_RANK[f.severity]) continue;
    const problem: OpenProblem = {
      code: f.code,
      severity: f.severity,
      since: before.get(key)?.since ?? report.generatedAt,
    };
    if (f.endpoint !== undefined) problem.endpoint = f.endpoint;
    out.set(key, problem);
  }
  return [...out.values()];
}

/** Events between the previous audit (when known) and this one: failovers, problems opened and resolved. */
export function eventsSince(
  previous: HistoryTail | undefined,
  report: Report,
): {
  events: StatusEvent[];
  tail: HistoryTail;
} {
  const at = report.generatedAt;
  const problems = problemsOf(report, previous);
  const tail: HistoryTail = { at, serving: report.servingEndpoint, problems };
  if (!previous) return { events: [], tail };
  const events: StatusEvent[] = [];
  if ((previous.serving ?? "").toLowerCase() !== (report.servingEndpoint ?? "").toLowerCase())
    events.push({ at, kind: "failover", from: previous.serving, to: report.servingEndpoint });
  const now = new Set(problems.map(problemKey));
  const was = new Set(previous.problems.map(problemKey));
  for (const p of problems) if (!was.has(problemKey(p))) events.push(problemEvent(at, "opened", p));
  for (const p of previous.problems)
    if (!now.has(problemKey(p))) events.push(problemEvent(at, "resolved", p));
  return { events, tail };
}

function problemEvent(at: string, kind: "opened" | "resolved", p: OpenProblem): StatusEvent {
  const e: StatusEvent = { at, kind, code: p.code, severity: p.severity };
  if (p.endpoint !== undefined) e.endpoint = p.endpoint;
  return e;
}

/**
 * Adds one audit to a profile's day. `day` is the stored row of the report's UTC day, if any;
 * `previousTail` the last known tail (yesterday's row) when there is none yet.
 */
export function appendToDay(
  day: HistoryDay | undefined,
  previousTail: HistoryTail | undefined,
  report: Report,
): HistoryDay {
  const at = new Date(report.generatedAt);
  const base: HistoryDay = day ?? {
    profile: report.profile.toLowerCase(),
    day: utcDay(at),
    names: [],
    samples: [],
    events: [],
    tail: { at: report.generatedAt, serving: null, problems: [] },
  };
  const { events, tail } = eventsSince(day ? day.tail : previousTail, report);
  const names = [...base.names];
  const indexOf = (name: string) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return i;
  };
  const sample = sampleFromReport(report);
  const positions = sample.endpoints.map((e) => indexOf(e.name));
  const up = names.map((_, i) => {
    const at = positions.indexOf(i);
    return at < 0 ? "-" : sample.endpoints[at]!.up ? "1" : "0";
  });
  const ms = names.map((_, i) => {
    const at = positions.indexOf(i);
    return at < 0 ? -1 : (sample.endpoints[at]!.ms ?? -1);
  });
  const seconds = Math.round((at.getTime() - Date.parse(`${base.day}T00:00:00Z`)) / 1000);
  const serving = sample.serving === null ? -1 : indexOf(sample.serving);
  return {
    ...base,
    names,
    samples: [...base.samples, [seconds, serving, up.join(""), ms]],
    events: [...base.events, ...events],
    tail,
  };
}

/** The samples of a stored day, expanded. */
export function samplesOfDay(day: HistoryDay): StatusSample[] {
  const start = Date.parse(`${day.day}T00:00:00Z`);
  return day.samples.map(([seconds, serving, up, ms]) => ({
    at: new Date(start + seconds * 1000).toISOString(),
    serving: serving < 0 ? null : (day.names[serving] ?? null),
    endpoints: day.names.flatMap((name, i) => {
      const flag = up[i];
      if (flag === undefined || flag === "-") return [];
      const e: SampleEndpoint = { name, up: flag === "1" };
      const latency = ms[i];
      if (latency !== undefined && latency >= 0) e.ms = latency;
      return [e];
    }),
  }));
}
