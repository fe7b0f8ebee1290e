import type { Report } from "./report.js";

/**
 * What a report tells an operator, without what moves every cycle (its time, probe latencies,
 * lookup times, the wording of messages that quote such numbers): two reports with the same
 * outcome say the same thing. The report history keeps a report only when its outcome differs
 * from the one before, so a quiet profile adds no history row per cycle.
 */
/** Values inside a finding's `expected`/`actual` that move every cycle while nothing changes. */
const MOVING = new Set(["latencyMs", "consecutiveFailures", "at", "resolvedAt", "checkedAt"]);

function steady(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(steady);
  if (value === null || typeof value !== "object") return value ?? null;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !MOVING.has(k))
      .map(([k, v]) => [k, steady(v)]),
  );
}

export function reportOutcome(report: Report): string {
  return JSON.stringify([
    report.routingMethod,
    report.profileStatus,
    report.profileMonitorStatus ?? null,
    report.derivedMonitorStatus,
    report.servingEndpoint,
    report.servingBasis,
    report.liveOrder,
    report.desiredOrder ?? null,
    report.endpoints.map((e) => [
      e.name,
      e.type,
      e.target ?? null,
      e.priority,
      e.enabled,
      e.alwaysServe,
      e.tmStatus,
      e.derivedTmStatus ?? null,
      e.probe?.status ?? null,
      e.notProbed ?? null,
    ]),
    report.findings.map((f) => [
      f.code,
      f.severity,
      f.endpoint ?? null,
      steady(f.expected),
      steady(f.actual),
      f.silencedBy ?? null,
    ]),
    // The endpoint DNS named; a failed lookup names none, as an answer that matched none does.
    report.dnsAnswer?.endpoint ?? null,
    report.failoverBoundSeconds ?? null,
    report.plan ? [report.plan.changes.length, report.plan.blocked.map((b) => b.rule)] : null,
    report.applied?.map((a) => [a.name, a.field, a.status]) ?? null,
    report.silences?.map((s) => s.id) ?? null,
  ]);
}
