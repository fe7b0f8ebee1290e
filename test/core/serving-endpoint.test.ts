import { describe, expect, it } from "vitest";
import { computeServing, type ServingContext } from "../../src/core/serving-endpoint.js";
import type { ProbeVerdict } from "../../src/core/report.js";
import {
  anEndpoint,
  aProfile,
  aVerdict,
  endpointsInOrder,
  relatedOf,
} from "../support/builders/audit-builders.js";

const tm: ServingContext = { related: new Map(), basis: "traffic-manager" };

function withStatuses(...statuses: (string | undefined)[]) {
  const names = ["web-eastus", "web-westus", "web-northeu"];
  return aProfile({
    endpoints: statuses.map((s, i) => {
      const e = anEndpoint({ name: names[i]!, priority: i + 1 });
      if (s === undefined) delete e.monitorStatus;
      else e.monitorStatus = s;
      return e;
    }),
  });
}

describe("computeServing under Priority routing", () => {
  it("serves the primary when it is Online", () => {
    expect(computeServing(aProfile(), tm).servingEndpoint).toBe("web-eastus");
  });

  it("orders by priority, not by array position", () => {
    const profile = aProfile({
      endpoints: [anEndpoint({ name: "b", priority: 20 }), anEndpoint({ name: "a", priority: 10 })],
    });
    expect(computeServing(profile, tm).servingEndpoint).toBe("a");
  });

  it("uses array order when no endpoint has a priority", () => {
    const profile = aProfile({ endpoints: [anEndpoint({ name: "first" }), anEndpoint({ name: "second" })] });
    expect(computeServing(profile, tm).ordered.map((a) => a.endpoint.name)).toEqual(["first", "second"]);
  });

  it("skips a Degraded primary", () => {
    expect(computeServing(withStatuses("Degraded", "Online"), tm).servingEndpoint).toBe("web-westus");
  });

  it.each(["CheckingEndpoint", "Unmonitored", undefined])("treats status %s as eligible", (status) => {
    expect(computeServing(withStatuses(status, "Online"), tm).servingEndpoint).toBe("web-eastus");
  });

  it.each(["Disabled", "Stopped", "Inactive"])("never serves a %s endpoint", (status) => {
    expect(computeServing(withStatuses(status, "Online"), tm).servingEndpoint).toBe("web-westus");
  });

  it("never serves a disabled endpoint even if its reported status is Online", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1, enabled: false }),
        anEndpoint({ name: "b", priority: 2 }),
      ],
    });
    expect(computeServing(profile, tm).servingEndpoint).toBe("b");
  });

  it("fails open to the highest-priority Degraded endpoint when all eligible ones are Degraded", () => {
    const result = computeServing(withStatuses("Stopped", "Degraded", "Degraded"), tm);
    expect(result).toMatchObject({ servingEndpoint: "web-westus", failOpen: true });
  });

  it("serves nothing when every endpoint is Disabled or Stopped", () => {
    expect(computeServing(withStatuses("Stopped", "Disabled"), tm).servingEndpoint).toBeNull();
  });

  it("serves nothing when the profile is disabled", () => {
    expect(computeServing(aProfile({ profileStatus: "Disabled" }), tm).servingEndpoint).toBeNull();
  });

  it("always treats an alwaysServe endpoint as eligible", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1, alwaysServe: true, monitorStatus: "Degraded" }),
        anEndpoint({ name: "b", priority: 2 }),
      ],
    });
    expect(computeServing(profile, tm).servingEndpoint).toBe("a");
  });

  it("has no serving endpoint for other routing methods", () => {
    expect(computeServing(aProfile({ routingMethod: "Weighted" }), tm).servingEndpoint).toBeNull();
  });
});

describe("computeServing with nested endpoints", () => {
  const child = aProfile({ name: "child", endpoints: endpointsInOrder("c1", "c2") });
  const parent = (minChildEndpoints?: number) =>
    aProfile({
      endpoints: [
        anEndpoint({
          name: "nested",
          type: "NestedEndpoints",
          priority: 1,
          monitorStatus: "Online",
          targetResourceId: child.id.toUpperCase(),
          ...(minChildEndpoints === undefined ? {} : { minChildEndpoints }),
        }),
        anEndpoint({ name: "external", priority: 2 }),
      ],
    });

  const degradedChild = {
    ...child,
    endpoints: child.endpoints.map((e) => ({ ...e, monitorStatus: "Degraded" })),
  };

  it("follows the status ARM reported and carries the child's differing derived status beside it", () => {
    const result = computeServing(parent(), { ...tm, related: relatedOf(degradedChild) });
    expect(result.ordered[0]).toMatchObject({ tmStatus: "Online", derivedTmStatus: "Degraded" });
    expect(result.servingEndpoint).toBe("nested");
  });

  it("takes the child's derived status, found by lower-case targetResourceId, when ARM reported none", () => {
    const profile = parent();
    const silent = {
      ...profile,
      endpoints: profile.endpoints.map((e, i) => (i === 0 ? { ...e, monitorStatus: undefined } : e)),
    };
    const result = computeServing(silent as typeof profile, { ...tm, related: relatedOf(degradedChild) });
    expect(result.ordered[0]?.tmStatus).toBe("Degraded");
    expect(result.ordered[0]?.derivedTmStatus).toBeUndefined();
    expect(result.servingEndpoint).toBe("external");
  });

  it("serves the nested endpoint when enough child endpoints are Online", () => {
    expect(computeServing(parent(2), { ...tm, related: relatedOf(child) }).servingEndpoint).toBe("nested");
  });

  it("falls back to the reported status when the child profile is unknown", () => {
    expect(computeServing(parent(), tm).ordered[0]?.tmStatus).toBe("Online");
  });
});

describe("computeServing on the probes basis", () => {
  const verdicts = (a: ProbeVerdict["status"], b: ProbeVerdict["status"]) =>
    new Map([
      ["web-eastus", aVerdict(a, "web-eastus")],
      ["web-westus", aVerdict(b, "web-westus")],
    ]);

  it("skips an endpoint our probes call Degraded although Traffic Manager says Online", () => {
    const result = computeServing(aProfile(), {
      ...tm,
      basis: "probes",
      verdicts: verdicts("Degraded", "Online"),
    });
    expect(result.servingEndpoint).toBe("web-westus");
  });

  it("still serves an endpoint whose probe is Failing within tolerated failures", () => {
    const result = computeServing(aProfile(), {
      ...tm,
      basis: "probes",
      verdicts: verdicts("Failing", "Online"),
    });
    expect(result.servingEndpoint).toBe("web-eastus");
  });

  it("falls back to Traffic Manager's status for endpoints without a verdict", () => {
    const profile = withStatuses("Degraded", "Online");
    expect(computeServing(profile, { ...tm, basis: "probes", verdicts: new Map() }).servingEndpoint).toBe(
      "web-westus",
    );
  });

  it("ignores verdicts on the traffic-manager basis", () => {
    const result = computeServing(aProfile(), { ...tm, verdicts: verdicts("Degraded", "Online") });
    expect(result.servingEndpoint).toBe("web-eastus");
  });
});

describe("computeServing on the both basis", () => {
  it("needs both Traffic Manager and the probe to say up", () => {
    const profile = withStatuses("Degraded", "Online", "Online");
    const verdicts = new Map([
      ["web-eastus", aVerdict("Online", "web-eastus")],
      ["web-westus", aVerdict("Degraded", "web-westus")],
    ]);
    expect(computeServing(profile, { ...tm, basis: "both", verdicts }).servingEndpoint).toBe("web-northeu");
  });
});

describe("computeServing: administrative state and alwaysServe (issue 10)", () => {
  for (const monitorStatus of ["Stopped", "Inactive", "Disabled"]) {
    it(`never serves an always-serve endpoint whose reported status is ${monitorStatus}`, () => {
      const profile = aProfile({
        endpoints: [
          anEndpoint({ name: "a", priority: 1, alwaysServe: true, monitorStatus }),
          anEndpoint({ name: "b", priority: 2 }),
        ],
      });
      const result = computeServing(profile, tm);
      expect(result.ordered[0]?.health).toBe("never");
      expect(result.servingEndpoint).toBe("b");
    });
  }

  it("never serves a disabled always-serve endpoint, nor anything of a disabled profile", () => {
    const endpoints = [
      anEndpoint({ name: "a", priority: 1, alwaysServe: true, enabled: false }),
      anEndpoint({ name: "b", priority: 2, alwaysServe: true }),
    ];
    expect(computeServing(aProfile({ endpoints }), tm).servingEndpoint).toBe("b");
    expect(computeServing(aProfile({ endpoints, profileStatus: "Disabled" }), tm).servingEndpoint).toBeNull();
  });
});
