import { describe, expect, it } from "vitest";
import {
  deriveProfileMonitorStatus,
  effectiveTmStatus,
  nestedEndpointStatus,
} from "../../src/core/monitor-status.js";
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

  describe("with a MultiValue child and per-family minimums", () => {
    const multiValue = (...targets: [string, string][]) =>
      aProfile({
        routingMethod: "MultiValue",
        endpoints: targets.map(([target, status], i) =>
          anEndpoint({ name: `c${i}`, target, monitorStatus: status }),
        ),
      });

    it("is Degraded when too few IPv6 child endpoints are Online", () => {
      const child = multiValue(["20.1.1.1", "Online"], ["20.1.1.2", "Online"], ["2001:db8::1", "Degraded"]);
      expect(nestedEndpointStatus(child, { all: 1, ipv4: 1, ipv6: 1 }, new Map())).toBe("Degraded");
    });

    it("is Online when both families reach their minimums", () => {
      const child = multiValue(["20.1.1.1", "Online"], ["2001:db8::1", "Online"]);
      expect(nestedEndpointStatus(child, { all: 2, ipv4: 1, ipv6: 1 }, new Map())).toBe("Online");
    });

    it("is CheckingEndpoint when a family reaches its minimum only with checking endpoints", () => {
      const child = multiValue(["20.1.1.1", "Online"], ["2001:db8::1", "CheckingEndpoint"]);
      expect(nestedEndpointStatus(child, { all: 1, ipv4: 1, ipv6: 1 }, new Map())).toBe("CheckingEndpoint");
    });
  });

  it("ignores per-family minimums for a child that is not MultiValue", () => {
    const child = aProfile({ endpoints: [anEndpoint({ name: "c0", target: "app.contoso.com" })] });
    expect(nestedEndpointStatus(child, { all: 1, ipv4: 1, ipv6: 1 }, new Map())).toBe("Online");
  });

  it("applies a nested endpoint's minChildEndpointsIPv6 to its MultiValue child", () => {
    const child = aProfile({
      name: "child",
      routingMethod: "MultiValue",
      endpoints: [
        anEndpoint({ name: "v4", target: "20.1.1.1" }),
        anEndpoint({ name: "v6", target: "2001:db8::1", monitorStatus: "Degraded" }),
      ],
    });
    const parent = anEndpoint({
      name: "nested",
      type: "NestedEndpoints",
      targetResourceId: child.id,
      minChildEndpoints: 1,
      minChildEndpointsIPv6: 1,
    });
    expect(effectiveTmStatus(parent, new Map([[child.id.toLowerCase(), child]]))).toBe("Degraded");
  });
});
