import { SEVERITY_RANK, type Severity } from "../finding.js";
import { formatAge, formatUtc } from "./format-age.js";
import type { OpenProblem } from "./status-history.js";
import type { ActiveSilence, StatusPageInput, StatusProfileInput } from "./status-input.js";
import { sparkFor, type SparkData } from "./sparkline-data.js";

/** Never shown by colour alone: every level has an icon and a word. */
export type Level = "ok" | "warning" | "critical" | "unknown";

export interface EndpointView {
  name: string;
  priority: number | null;
  enabled: boolean;
  tmStatus: string;
  /** Our verdict ("Online", "Failing", "Degraded") or null when not probed. */
  probe: string | null;
  probeDetail: string | null;
  latencyMs: number | null;
  serving: boolean;
  level: Level;
  spark: SparkData;
}

export interface TimelineEntry {
  at: string;
  /** 0..1 across the 7-day window. */
  x: number;
  kind: "failover" | "opened" | "resolved";
  level: Level;
  text: string;
}

export interface ProfileView {
  key: string;
  name: string;
  level: Level;
  fqdn: string | null;
  serving: string | null;
  lastAudit: { at: string; ago: string } | null;
  /** Set when the last audit is older than two schedule periods. */
  stale: string | null;
  endpoints: EndpointView[];
  desired: { name: string; enabled: boolean; matchesLive: boolean }[] | null;
  dns: { names: string[]; addresses: string[]; endpoint: string | null; at: string; agrees: boolean } | null;
  incidents: { code: string; endpoint: string | null; level: Level; openFor: string; since: string }[];
  silences: { id: string; scope: string; until: string; comment: string }[];
  timeline: TimelineEntry[];
}

export interface StatusView {
  scope: "all" | "profile";
  generatedAt: string;
  counts: Record<Level, number>;
  staleCount: number;
  profiles: ProfileView[];
}

const WEEK_MS = 7 * 86_400_000;
const MAX_TIMELINE = 20;

const levelOf = (s: Severity): Level => (s === "info" ? "ok" : s);

export function buildStatusView(input: StatusPageInput): StatusView {
  const profiles = [...input.profiles]
    .sort((a, b) => a.profile.localeCompare(b.profile))
    .map((p) => profileView(p, input));
  const counts: Record<Level, number> = { ok: 0, warning: 0, critical: 0, unknown: 0 };
  for (const p of profiles) counts[p.level] += 1;
  return {
    scope: input.scope,
    generatedAt: formatUtc(input.now.toISOString()),
    counts,
    staleCount: profiles.filter((p) => p.stale !== null).length,
    profiles,
  };
}

function profileView(p: StatusProfileInput, input: StatusPageInput): ProfileView {
  const { now } = input;
  const report = p.report;
  const name = p.profile.split("/").pop() ?? p.profile;
  const age = report ? now.getTime() - Date.parse(report.generatedAt) : Number.POSITIVE_INFINITY;
  const limitMs = 2 * input.schedulePeriodSeconds * 1000;
  const stale = !report
    ? "No audit has run for this profile yet: nothing here is known to be healthy."
    : age > limitMs
      ? `Stale: the last audit ran ${formatAge(age)} ago, more than two schedule periods (${formatAge(limitMs)}). What is shown may no longer be true.`
      : null;
  const problems = openProblems(p);
  const worst = problems.reduce<Severity | null>(
    (w, x) => (w === null || SEVERITY_RANK[x.severity] > SEVERITY_RANK[w] ? x.severity : w),
    null,
  );
  const level: Level = !report || stale ? "unknown" : worst ? levelOf(worst) : "ok";
  const times = p.samples.map((s) => Date.parse(s.at));
  const endpoints = (report?.endpoints ?? [])
    .map((e): EndpointView => {
      const serving = report?.servingEndpoint?.toLowerCase() === e.name.toLowerCase();
      const bad = e.probe ? e.probe.status !== "Online" : e.tmStatus !== "Online";
      return {
        name: e.name,
        priority: e.priority,
        enabled: e.enabled,
        tmStatus: e.tmStatus ?? "unknown",
        probe: e.probe?.status ?? null,
        probeDetail: e.probe && !e.probe.last.healthy ? (e.probe.last.detail ?? e.probe.last.kind) : null,
        latencyMs: e.probe ? Math.round(e.probe.last.latencyMs) : null,
        serving,
        level: !e.enabled ? "unknown" : bad ? (e.probe?.status === "Failing" ? "warning" : "critical") : "ok",
        spark: sparkFor(e.name, p.samples, now, times),
      };
    })
    .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity));
  const liveOrder = endpoints.map((e) => e.name.toLowerCase());
  const dns = report?.dnsAnswer;
  return {
    key: p.profile,
    name,
    level,
    fqdn: report?.fqdn ?? null,
    serving: report?.servingEndpoint ?? null,
    lastAudit: report ? { at: formatUtc(report.generatedAt), ago: formatAge(age) } : null,
    stale,
    endpoints,
    desired: p.desired
      ? p.desired.map((d, i) => ({
          name: d.name,
          enabled: d.enabled,
          matchesLive: liveOrder[i] === d.name.toLowerCase(),
        }))
      : null,
    dns: dns
      ? {
          names: dns.names,
          addresses: dns.addresses,
          endpoint: dns.endpoint,
          at: formatUtc(dns.resolvedAt),
          agrees: (dns.endpoint ?? "").toLowerCase() === (report?.servingEndpoint ?? "").toLowerCase(),
        }
      : null,
    incidents: problems.map((x) => ({
      code: x.code,
      endpoint: x.endpoint ?? null,
      level: levelOf(x.severity),
      openFor: formatAge(now.getTime() - Date.parse(x.since)),
      since: formatUtc(x.since),
    })),
    silences: input.silences.filter((s) => matches(s, p.profile)).map((s) => silenceView(s)),
    timeline: timeline(p, now),
  };
}

/** The history's open problems when it has them for this report, else the report's own findings. */
function openProblems(p: StatusProfileInput): OpenProblem[] {
  if (p.problems) return p.problems;
  const r = p.report;
  if (!r) return [];
  return r.findings
    .filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning)
    .map((f) => ({
      code: f.code,
      severity: f.severity,
      since: r.generatedAt,
      ...(f.endpoint !== undefined ? { endpoint: f.endpoint } : {}),
    }));
}

function matches(s: ActiveSilence, profile: string): boolean {
  return s.matchers.profile === "*" || s.matchers.profile.toLowerCase() === profile;
}

function silenceView(s: ActiveSilence): ProfileView["silences"][number] {
  const parts = [s.matchers.profile === "*" ? "all profiles" : "this profile"];
  if (s.matchers.endpoint) parts.push(`endpoint ${s.matchers.endpoint}`);
  if (s.matchers.codes && s.matchers.codes.length > 0) parts.push(s.matchers.codes.join(", "));
  return { id: s.id, scope: parts.join("; "), until: formatUtc(s.endsAt), comment: s.comment };
}

function timeline(p: StatusProfileInput, now: Date): TimelineEntry[] {
  const start = now.getTime() - WEEK_MS;
  return p.events
    .filter((e) => Date.parse(e.at) > start)
    .slice(-MAX_TIMELINE)
    .map((e): TimelineEntry => {
      const x = Math.min(1, Math.max(0, (Date.parse(e.at) - start) / WEEK_MS));
      if (e.kind === "failover")
        return {
          at: formatUtc(e.at),
          x,
          kind: "failover",
          level: "warning",
          text: `Serving changed from ${e.from ?? "nothing"} to ${e.to ?? "nothing"}`,
        };
      const what = e.endpoint ? `${e.code} on ${e.endpoint}` : e.code;
      return {
        at: formatUtc(e.at),
        x,
        kind: e.kind,
        level: e.kind === "resolved" ? "ok" : levelOf(e.severity),
        text: `${e.kind === "opened" ? "Opened" : "Resolved"}: ${what}`,
      };
    });
}
