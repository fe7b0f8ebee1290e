import { metrics, trace } from "@opentelemetry/api";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type MetricData,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryProbeStateStore } from "../../../src/adapters/memory/memory-probe-state-store.js";
import { MemoryStatusHistoryStore } from "../../../src/adapters/memory/memory-status-history-store.js";
import { runAuditCycle, type AuditOptions } from "../../../src/app/run-audit.js";
import { METRICS, SPANS } from "../../../src/app/telemetry/metric-catalog.js";
import { recordDelivery } from "../../../src/app/telemetry/telemetry.js";
import { aMonitor, aProfile } from "../../support/builders/audit-builders.js";
import {
  FakeAlerts,
  FakeDesiredStore,
  FakeLiveSource,
  FakeReportStore,
  ScriptedProber,
} from "../../support/fakes/audit-fakes.js";

// The SDK's in-memory exporters registered as the global providers, as Azure Monitor's would be.
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 3_600_000,
});
const meterProvider = new MeterProvider({ readers: [reader] });
const spanExporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });

const options: AuditOptions = {
  probe: true,
  basis: "probes",
  certWarningDays: 14,
  profileConcurrency: 2,
  checkDns: false,
};
const KEY = "sub1/rg1/contoso";

async function collected(): Promise<MetricData[]> {
  metricExporter.reset();
  await reader.forceFlush();
  return metricExporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
}
const metric = (all: MetricData[], name: string) => all.find((m) => m.descriptor.name === name);
const point = (m: MetricData | undefined, attrs: Record<string, string>): DataPoint<unknown> | undefined =>
  (m?.dataPoints as DataPoint<unknown>[] | undefined)?.find((p) =>
    Object.entries(attrs).every(([k, v]) => p.attributes[k] === v),
  );

let all: MetricData[] = [];

beforeAll(async () => {
  metrics.setGlobalMeterProvider(meterProvider);
  trace.setGlobalTracerProvider(tracerProvider);
  let now = new Date("2026-03-01T10:00:00.000Z");
  const failing = new Set<string>();
  const deps = {
    live: new FakeLiveSource([aProfile({ monitor: aMonitor({ toleratedNumberOfFailures: 0 }) })]),
    desired: new FakeDesiredStore({}),
    probeState: new MemoryProbeStateStore(),
    clock: { now: () => now },
    prober: new ScriptedProber(failing),
    reports: new FakeReportStore(),
    alerts: new FakeAlerts(),
    statusHistory: new MemoryStatusHistoryStore(),
  };
  await runAuditCycle(deps, options);
  failing.add("web-eastus");
  now = new Date("2026-03-01T10:05:00.000Z");
  await runAuditCycle(deps, options);
  recordDelivery("teams", "delivered");
  recordDelivery("email", "failed");
  all = await collected();
});

afterAll(async () => {
  await meterProvider.shutdown();
  await tracerProvider.shutdown();
  metrics.disable();
  trace.disable();
});

describe("audit telemetry", () => {
  it("records one probe duration per endpoint per cycle with profile, endpoint and outcome", () => {
    const m = metric(all, METRICS.probeDuration.name);
    expect(m?.descriptor.unit).toBe("ms");
    const failed = point(m, { profile: KEY, endpoint: "web-eastus", outcome: "http-status" });
    expect((failed?.value as { count: number; sum: number }).count).toBe(1);
    expect((failed?.value as { count: number; sum: number }).sum).toBe(5);
    const up = point(m, { profile: KEY, endpoint: "web-westus", outcome: "up" });
    expect((up?.value as { count: number }).count).toBe(2);
  });

  it("sets the endpoint health gauge to the last audit's verdict", () => {
    const m = metric(all, METRICS.endpointHealthy.name);
    expect(point(m, { profile: KEY, endpoint: "web-eastus" })?.value).toBe(0);
    expect(point(m, { profile: KEY, endpoint: "web-westus" })?.value).toBe(1);
  });

  it("counts one serving endpoint change, naming the new serving endpoint", () => {
    const m = metric(all, METRICS.servingEndpointChanges.name);
    expect(point(m, { profile: KEY, endpoint: "web-westus" })?.value).toBe(1);
    expect(m?.dataPoints).toHaveLength(1);
  });

  it("counts findings by code and severity", () => {
    const m = metric(all, METRICS.findings.name);
    expect(point(m, { profile: KEY, code: "PRIMARY_NOT_SERVING", severity: "warning" })?.value).toBe(1);
  });

  it("records the audit duration of the profile once per cycle", () => {
    const m = metric(all, METRICS.auditDuration.name);
    expect((point(m, { profile: KEY, outcome: "ok" })?.value as { count: number }).count).toBe(2);
  });

  it("counts alert deliveries by channel and outcome", () => {
    const m = metric(all, METRICS.alertDeliveries.name);
    expect(point(m, { channel: "teams", outcome: "delivered" })?.value).toBe(1);
    expect(point(m, { channel: "email", outcome: "failed" })?.value).toBe(1);
  });

  it("traces each cycle as one span with ARM read, probes, store and alerts as children", () => {
    const spans = spanExporter.getFinishedSpans();
    const cycles = spans.filter((s) => s.name === SPANS.cycle);
    expect(cycles).toHaveLength(2);
    const first = cycles[0]!;
    const children = spans.filter((s) => s.parentSpanContext?.spanId === first.spanContext().spanId);
    expect(children.map((s) => s.name)).toEqual([SPANS.armRead, SPANS.probes, SPANS.store, SPANS.alerts]);
    expect(first.attributes["tm_sentinel.profiles"]).toBe(1);
  });
});
