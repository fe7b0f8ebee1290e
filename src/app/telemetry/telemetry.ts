import {
  context,
  metrics,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from "@opentelemetry/api";
import type { ProbeResult } from "../../core/probe-result.js";
import type { Report } from "../../core/report.js";
import type { AlertChannel } from "../../core/alerts/incident.js";
import type { StatusEvent } from "../../core/status/status-history.js";
import { INSTRUMENTATION_SCOPE, METRICS, SPANS } from "./metric-catalog.js";

/**
 * The app's metrics and spans through the OpenTelemetry API only. Without a registered SDK every
 * call is a no-op; src/adapters/monitor registers Azure Monitor's when a connection string is set.
 * Instruments are looked up at each call (the SDK caches them) so a provider registered after this
 * module loaded, as in tests, is still used.
 */
const meter = () => metrics.getMeter(INSTRUMENTATION_SCOPE);
const tracer = () => trace.getTracer(INSTRUMENTATION_SCOPE);

function histogram(m: (typeof METRICS)["probeDuration" | "auditDuration"]) {
  return meter().createHistogram(m.name, { unit: m.unit, description: m.description });
}
function counter(m: (typeof METRICS)["servingEndpointChanges" | "findings" | "alertDeliveries"]) {
  return meter().createCounter(m.name, { unit: m.unit, description: m.description });
}

export function recordProbes(profile: string, results: readonly ProbeResult[]): void {
  const h = histogram(METRICS.probeDuration);
  for (const r of results) h.record(r.latencyMs, { profile, endpoint: r.endpoint, outcome: r.kind });
}

/** Findings and endpoint health of one finished profile audit, and how long it took. */
export function recordAudit(report: Report, durationMs: number): void {
  const profile = report.profile;
  const error = report.findings.some((f) => f.code === "AUDIT_ERROR") && report.endpoints.length === 0;
  histogram(METRICS.auditDuration).record(durationMs, { profile, outcome: error ? "error" : "ok" });
  const findings = counter(METRICS.findings);
  for (const f of report.findings) findings.add(1, { profile, code: f.code, severity: f.severity });
  const m = METRICS.endpointHealthy;
  const gauge = meter().createGauge(m.name, { unit: m.unit, description: m.description });
  for (const e of report.endpoints) {
    const healthy = e.probe ? e.probe.status === "Online" : e.tmStatus === "Online";
    gauge.record(healthy ? 1 : 0, { profile, endpoint: e.name });
  }
}

export function recordHistoryEvents(profile: string, events: readonly StatusEvent[]): void {
  const c = counter(METRICS.servingEndpointChanges);
  for (const e of events) if (e.kind === "failover") c.add(1, { profile, endpoint: e.to ?? "none" });
}

export function recordDelivery(channel: AlertChannel, outcome: "delivered" | "failed" | "rejected"): void {
  counter(METRICS.alertDeliveries).add(1, { channel, outcome });
}

/** One span per audit cycle; stages are its children, linked explicitly (no context manager needed). */
export interface CycleTrace {
  begin(stage: Exclude<keyof typeof SPANS, "cycle">): { end(error?: unknown): void };
  end(attributes?: Attributes): void;
}

export function startCycleTrace(kind: "cycle" | "profiles"): CycleTrace {
  const span = tracer().startSpan(SPANS.cycle, { attributes: { "tm_sentinel.audit.kind": kind } });
  const parent: Context = trace.setSpan(context.active(), span);
  return {
    begin(stage) {
      const child = tracer().startSpan(SPANS[stage], {}, parent);
      return {
        end(error) {
          if (error !== undefined) fail(child, error);
          child.end();
        },
      };
    },
    end(attributes) {
      if (attributes) span.setAttributes(attributes);
      span.end();
    },
  };
}

function fail(span: Span, e: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
}

/** Runs one profile's audit and records its duration, findings and endpoint health. */
export async function measureAudit(fn: () => Promise<Report>): Promise<Report> {
  const started = performance.now();
  const report = await fn();
  recordAudit(report, performance.now() - started);
  return report;
}

/** A p-limit that also measures each profile audit it runs (the duration excludes the wait for a slot). */
export function measuredLimit(
  limit: <T>(fn: () => Promise<T>) => Promise<T>,
): (fn: () => Promise<Report>) => Promise<Report> {
  return (fn) => limit(() => measureAudit(fn));
}
