import { describe, expect, it } from "vitest";
import { deriveProfileMonitorStatus, nestedEndpointStatus } from "../../src/core/monitor-status.js";
import { anEndpoint, aProfile } from "../support/builders/audit-builders.js";

describe("deriveProfileMonitorStatus", () => {
  it("is Disabled when the profile is disabled", () => {
    expect(deriveProfileMonitorStatus("Disabled", ["Online"])).toBe("Disabled");
  });

  it("is Degraded when at least one endpoint is Degraded", () => {
    expect(deriveProfileMonitorStatus("Enabled", ["Online", "Degraded"])).toBe("Degraded");
  });

  it("is Online when one is Online and none is Degraded", () => {
    expect(deriveProfileMonitorStatus("Enabled", ["CheckingEndpoint", "Online"])).toBe("Online");
  });

  it("is CheckingEndpoints when some are checking and none is Online or Degraded", () => {
    expect(deriveProfileMonitorStatus("Enabled", ["CheckingEndpoint", "Stopped"])).toBe("CheckingEndpoints");
  });

  it("is Inactive when all endpoints are Disabled or Stopped", () => {
    expect(deriveProfileMonitorStatus("Enabled", ["Disabled", "Stopped"])).toBe("Inactive");
  });

  it("is Inactive when there are no endpoints", () => {
    expect(deriveProfileMonitorStatus("Enabled", [])).toBe("Inactive");
  });
});

describe("nestedEndpointStatus", () => {
  const child = (...statuses: string[]) =>
    aProfile({
      endpoints: statuses.map((s, i) => anEndpoint({ name: `c${i}`, priority: i + 1, monitorStatus: s })),
    });

  it("is Stopped when the child profile is disabled", () => {
    expect(nestedEndpointStatus({ ...child("Online"), profileStatus: "Disabled" }, 1, new Map())).toBe(
      "Stopped",
    );
  });

  it("is Stopped when the child profile is Inactive", () => {
    expect(nestedEndpointStatus(child("Stopped", "Disabled"), 1, new Map())).toBe("Stopped");
  });

  it("is Online when Online child endpoints reach minChildEndpoints", () => {
    expect(nestedEndpointStatus(child("Online", "Online", "Degraded"), 2, new Map())).toBe("Online");
  });

  it("is CheckingEndpoint when Online plus checking endpoints reach minChildEndpoints", () => {
    expect(nestedEndpointStatus(child("Online", "CheckingEndpoint"), 2, new Map())).toBe("CheckingEndpoint");
  });

  it("is Degraded when too few child endpoints are Online or checking", () => {
    expect(nestedEndpointStatus(child("Online", "Degraded"), 2, new Map())).toBe("Degraded");
  });
});
