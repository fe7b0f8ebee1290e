import { describe, expect, it } from "vitest";
import { driftFindings } from "../../src/core/drift-findings.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import { aMonitor, anEndpoint, aProfile, endpointsInOrder } from "../support/builders/audit-builders.js";

function desired(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    routingMethod: "Priority",
    endpoints: [
      { name: "web-eastus", enabled: true },
      { name: "web-westus", enabled: true },
      { name: "web-northeu", enabled: true },
    ],
    ...overrides,
  };
}

describe("driftFindings", () => {
  it("finds nothing when the live profile matches", () => {
    expect(
      driftFindings(aProfile(), desired({ ttl: 60, monitor: { protocol: "HTTPS", path: "/health" } })),
    ).toEqual([]);
  });

  it("treats priorities 10,20,30 like 1,2,3", () => {
    const profile = aProfile({
      endpoints: endpointsInOrder("web-eastus", "web-westus", "web-northeu").map((e, i) => ({
        ...e,
        priority: (i + 1) * 10,
      })),
    });
    expect(driftFindings(profile, desired())).toEqual([]);
  });

  it("flags a different primary as critical order drift with both orders", () => {
    const profile = aProfile({ endpoints: endpointsInOrder("web-westus", "web-eastus", "web-northeu") });
    expect(driftFindings(profile, desired())).toEqual([
      expect.objectContaining({
        code: "ORDER_DRIFT",
        severity: "critical",
        expected: ["web-eastus", "web-westus", "web-northeu"],
        actual: ["web-westus", "web-eastus", "web-northeu"],
      }),
    ]);
  });

  it("flags swapped standbys as warning order drift", () => {
    const profile = aProfile({ endpoints: endpointsInOrder("web-eastus", "web-northeu", "web-westus") });
    expect(driftFindings(profile, desired())[0]).toMatchObject({ code: "ORDER_DRIFT", severity: "warning" });
  });

  it("flags a desired endpoint that does not exist", () => {
    const profile = aProfile({ endpoints: endpointsInOrder("web-eastus", "web-westus") });
    expect(driftFindings(profile, desired())).toEqual([
      expect.objectContaining({
        code: "ENDPOINT_MISSING",
        severity: "critical",
        endpoint: "web-northeu",
        actual: null,
      }),
    ]);
  });

  it("flags a live endpoint the desired state does not know", () => {
    const profile = aProfile({
      endpoints: endpointsInOrder("web-eastus", "web-westus", "web-northeu", "web-test"),
    });
    expect(driftFindings(profile, desired())).toEqual([
      expect.objectContaining({ code: "ENDPOINT_UNEXPECTED", severity: "warning", endpoint: "web-test" }),
    ]);
  });

  it("flags an endpoint whose enabled state differs", () => {
    const endpoints = endpointsInOrder("web-eastus", "web-westus", "web-northeu");
    endpoints[1]!.enabled = false;
    expect(driftFindings(aProfile({ endpoints }), desired())).toEqual([
      expect.objectContaining({
        code: "ENDPOINT_STATUS_DRIFT",
        endpoint: "web-westus",
        expected: "Enabled",
        actual: "Disabled",
      }),
    ]);
  });

  it("checks only the monitor keys the desired state gives, one finding per key", () => {
    const profile = aProfile({ monitor: aMonitor({ port: 8443, path: "/status", intervalInSeconds: 10 }) });
    const findings = driftFindings(profile, desired({ monitor: { port: 443, path: "/health" } }));
    expect(findings.map((f) => [f.code, f.expected, f.actual])).toEqual([
      ["MONITOR_CONFIG_DRIFT", 443, 8443],
      ["MONITOR_CONFIG_DRIFT", "/health", "/status"],
    ]);
  });

  it("treats no expected ranges as 200 only", () => {
    const findings = driftFindings(
      aProfile(),
      desired({ monitor: { expectedStatusCodeRanges: [{ min: 200, max: 200 }] } }),
    );
    expect(findings).toEqual([]);
  });

  it("never shows custom header values in a finding", () => {
    const profile = aProfile({
      monitor: aMonitor({ customHeaders: [{ name: "X-Key", value: "live-secret" }] }),
    });
    const findings = driftFindings(
      profile,
      desired({ monitor: { customHeaders: [{ name: "X-Key", value: "desired-secret" }] } }),
    );
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toMatch(/secret/);
  });

  it("flags a different TTL", () => {
    expect(driftFindings(aProfile(), desired({ ttl: 30 }))).toEqual([
      expect.objectContaining({ code: "TTL_DRIFT", expected: 30, actual: 60 }),
    ]);
  });

  it("skips order drift for other routing methods", () => {
    const profile = aProfile({
      routingMethod: "Weighted",
      endpoints: endpointsInOrder("web-westus", "web-eastus", "web-northeu"),
    });
    expect(driftFindings(profile, desired())).toEqual([]);
  });

  it("matches endpoint names case-insensitively", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "WEB-EASTUS", priority: 1 }),
        ...endpointsInOrder("x", "web-westus", "web-northeu").slice(1),
      ],
    });
    expect(driftFindings(profile, desired())).toEqual([]);
  });
});
