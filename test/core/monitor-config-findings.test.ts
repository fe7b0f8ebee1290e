import { describe, expect, it } from "vitest";
import { monitorConfigFindings } from "../../src/core/monitor-config-findings.js";
import type { MonitorConfig } from "../../src/core/profile.js";
import { aMonitor, anEndpoint, aProfile, endpointsInOrder } from "../support/builders/audit-builders.js";

const fieldsOf = (monitor: Partial<MonitorConfig>, endpoints = endpointsInOrder("a", "b")) =>
  monitorConfigFindings(aProfile({ monitor: aMonitor(monitor), endpoints })).map(
    (f) => (f.actual as { field: string }).field,
  );

describe("monitorConfigFindings", () => {
  it("finds nothing in a valid configuration", () => {
    expect(fieldsOf({})).toEqual([]);
    expect(fieldsOf({ intervalInSeconds: 10, timeoutInSeconds: 9, toleratedNumberOfFailures: 0 })).toEqual(
      [],
    );
  });

  it("flags a TCP monitor with a path", () => {
    expect(fieldsOf({ protocol: "TCP", path: "/health" })).toEqual(["monitorConfig.path"]);
  });

  it("flags an HTTP monitor without a path", () => {
    const { path: _none, ...withoutPath } = aMonitor({ protocol: "HTTP" });
    expect(monitorConfigFindings(aProfile({ monitor: withoutPath }))).toMatchObject([
      { code: "MONITOR_CONFIG_INVALID", severity: "warning" },
    ]);
  });

  it("flags a timeout of 10 with the 10-second interval", () => {
    expect(fieldsOf({ intervalInSeconds: 10, timeoutInSeconds: 10 })).toEqual([
      "monitorConfig.timeoutInSeconds",
    ]);
  });

  it("flags an interval other than 10 or 30 and tolerated failures above 9, one finding each", () => {
    expect(fieldsOf({ intervalInSeconds: 20, toleratedNumberOfFailures: 12 })).toEqual([
      "monitorConfig.intervalInSeconds",
      "monitorConfig.toleratedNumberOfFailures",
    ]);
  });

  it("flags priorities 0 and 1001, naming each endpoint", () => {
    const endpoints = [anEndpoint({ name: "a", priority: 0 }), anEndpoint({ name: "b", priority: 1001 })];
    expect(fieldsOf({}, endpoints)).toEqual(['endpoints["a"].priority', 'endpoints["b"].priority']);
  });

  it("flags priorities set on some endpoints only", () => {
    const endpoints = [anEndpoint({ name: "a", priority: 1 }), anEndpoint({ name: "b" })];
    const found = monitorConfigFindings(aProfile({ endpoints }));
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('"b" has none');
  });
});
