import { describe, expect, it } from "vitest";
import { assessProfile, auditErrorReport, type AssessInput } from "../../src/core/assess-profile.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import { anEndpoint, aProfile, aVerdict, endpointsInOrder } from "../support/builders/audit-builders.js";

const now = new Date("2026-03-01T10:00:00.000Z");
const desired: DesiredState = {
  routingMethod: "Priority",
  endpoints: [
    { name: "web-eastus", enabled: true },
    { name: "web-westus", enabled: true },
    { name: "web-northeu", enabled: true },
  ],
};
const input = (overrides: Partial<AssessInput> = {}): AssessInput => ({
  profile: aProfile(),
  related: new Map(),
  desired,
  basis: "traffic-manager",
  now,
  ...overrides,
});

describe("assessProfile", () => {
  it("reports a matching healthy profile without findings", () => {
    const report = assessProfile(input());
    expect(report).toMatchObject({
      profile: "sub1/rg1/contoso",
      fqdn: "contoso.trafficmanager.net",
      generatedAt: "2026-03-01T10:00:00.000Z",
      routingMethod: "Priority",
      derivedMonitorStatus: "Online",
      servingEndpoint: "web-eastus",
      servingBasis: "traffic-manager",
      liveOrder: ["web-eastus", "web-westus", "web-northeu"],
      desiredOrder: ["web-eastus", "web-westus", "web-northeu"],
      findings: [],
    });
  });

  it("lists endpoints in failover order with their status and priority", () => {
    const profile = aProfile({ endpoints: endpointsInOrder("b", "a").reverse() });
    const report = assessProfile(input({ profile, desired: undefined }));
    expect(report.endpoints.map((e) => [e.name, e.priority, e.tmStatus])).toEqual([
      ["b", 1, "Online"],
      ["a", 2, "Online"],
    ]);
  });

  it("adds an informational NO_DESIRED_STATE when there is no desired state", () => {
    const report = assessProfile(input({ desired: undefined }));
    expect(report.findings).toEqual([
      expect.objectContaining({ code: "NO_DESIRED_STATE", severity: "info" }),
    ]);
    expect(report.desiredOrder).toBeUndefined();
  });

  it("includes extra findings and sorts all findings most severe first", () => {
    const report = assessProfile(
      input({
        profile: aProfile({ endpoints: endpointsInOrder("web-westus", "web-eastus", "web-northeu") }),
        extraFindings: [{ code: "CERT_EXPIRING", severity: "info", message: "Certificate expires soon." }],
      }),
    );
    expect(report.findings.map((f) => f.severity)).toEqual(["critical", "warning", "info"]);
  });

  it("attaches probe verdicts to endpoints and uses them on the probes basis", () => {
    const verdicts = new Map([["web-eastus", aVerdict("Degraded")]]);
    const report = assessProfile(input({ basis: "probes", verdicts }));
    expect(report.servingEndpoint).toBe("web-westus");
    expect(report.endpoints[0]?.probe?.status).toBe("Degraded");
  });
});

describe("auditErrorReport", () => {
  it("carries a critical AUDIT_ERROR and no serving endpoint", () => {
    const report = auditErrorReport("Sub1/RG1/Contoso", "ARM returned 403.", now);
    expect(report).toMatchObject({
      profile: "sub1/rg1/contoso",
      servingEndpoint: null,
      findings: [{ code: "AUDIT_ERROR", severity: "critical", message: "ARM returned 403." }],
    });
  });

  it("keeps a scope that is not a profile key as it is", () => {
    expect(auditErrorReport("/subscriptions/abc", "throttled", now).profile).toBe("/subscriptions/abc");
  });
});

describe("assessProfile: endpoints not probed (issue 10)", () => {
  it('says "not probed (disabled)" for a disabled endpoint when the others were probed', () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "web-eastus", priority: 1 }),
        anEndpoint({ name: "web-westus", priority: 2, enabled: false, monitorStatus: "Disabled" }),
      ],
    });
    const report = assessProfile({
      profile,
      related: new Map(),
      basis: "probes",
      verdicts: new Map([["web-eastus", aVerdict("Online", "web-eastus")]]),
      now: new Date("2026-03-01T10:00:00Z"),
    });
    expect(report.endpoints.map((e) => e.notProbed ?? null)).toEqual([null, "not probed (disabled)"]);
  });
});
