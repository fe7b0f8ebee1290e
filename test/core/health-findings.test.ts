import { describe, expect, it } from "vitest";
import { healthFindings } from "../../src/core/health-findings.js";
import type { LiveProfile } from "../../src/core/profile.js";
import { computeServing } from "../../src/core/serving-endpoint.js";
import { anEndpoint, aProfile } from "../support/builders/audit-builders.js";
import { buildDesiredState } from "../support/builders/desired-builders.js";
import type { DesiredState } from "../../src/core/desired-state.js";

function findingsOf(profile: LiveProfile, desired?: DesiredState) {
  return healthFindings(
    profile,
    computeServing(profile, { related: new Map(), basis: "traffic-manager" }),
    desired,
  );
}
const codes = (profile: LiveProfile, desired?: DesiredState) =>
  findingsOf(profile, desired).map((f) => f.code);

function statuses(...list: string[]): LiveProfile {
  return aProfile({
    endpoints: list.map((s, i) => anEndpoint({ name: `e${i + 1}`, priority: i + 1, monitorStatus: s })),
  });
}

describe("healthFindings", () => {
  it("reports nothing for a healthy Priority profile", () => {
    expect(findingsOf(aProfile())).toEqual([]);
  });

  it("flags a routing method other than Priority as critical", () => {
    const [finding] = findingsOf(aProfile({ routingMethod: "Performance" }));
    expect(finding).toMatchObject({
      code: "ROUTING_METHOD_NOT_PRIORITY",
      severity: "critical",
      expected: "Priority",
      actual: "Performance",
    });
  });

  it("flags a disabled profile as critical and nothing else", () => {
    expect(codes(aProfile({ profileStatus: "Disabled" }))).toEqual(["PROFILE_DISABLED"]);
  });

  it("warns when traffic goes to a standby because the primary is Degraded", () => {
    const finding = findingsOf(statuses("Degraded", "Online", "Online")).find(
      (f) => f.code === "PRIMARY_NOT_SERVING",
    );
    expect(finding).toMatchObject({ severity: "warning", endpoint: "e1", expected: "e1", actual: "e2" });
  });

  it("takes the primary from the desired state when there is one", () => {
    const desired = buildDesiredState({
      endpoints: [
        { name: "e2", enabled: true },
        { name: "e1", enabled: true },
      ],
    });
    expect(
      findingsOf(statuses("Online", "Online"), desired).find((f) => f.code === "PRIMARY_NOT_SERVING"),
    ).toMatchObject({
      expected: "e2",
      actual: "e1",
    });
  });

  it("flags a profile that can serve no endpoint as critical", () => {
    const finding = findingsOf(statuses("Stopped", "Disabled")).find((f) => f.code === "PRIMARY_NOT_SERVING");
    expect(finding).toMatchObject({ severity: "critical", actual: null });
  });

  it("warns when no standby is healthy", () => {
    expect(codes(statuses("Online", "Degraded", "Stopped"))).toEqual(["NO_HEALTHY_STANDBY"]);
  });

  it("flags fail-open when every eligible endpoint is Degraded", () => {
    const finding = findingsOf(statuses("Degraded", "Degraded", "Disabled")).find(
      (f) => f.code === "ALL_ENDPOINTS_DEGRADED",
    );
    expect(finding).toMatchObject({ severity: "critical", actual: ["e1", "e2"] });
  });

  it("does not add NO_HEALTHY_STANDBY on top of fail-open", () => {
    expect(codes(statuses("Degraded", "Degraded"))).not.toContain("NO_HEALTHY_STANDBY");
  });

  it("warns when an always-serve endpoint ranks above enabled endpoints", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1, alwaysServe: true, monitorStatus: "Unmonitored" }),
        anEndpoint({ name: "b", priority: 2 }),
      ],
    });
    expect(findingsOf(profile).find((f) => f.code === "ALWAYS_SERVE_BLOCKS_FAILOVER")).toMatchObject({
      severity: "warning",
      endpoint: "a",
    });
  });

  it("accepts an always-serve endpoint in last place", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1 }),
        anEndpoint({ name: "b", priority: 2, alwaysServe: true, monitorStatus: "Unmonitored" }),
      ],
    });
    expect(codes(profile)).toEqual([]);
  });

  it("writes every finding message as one sentence ending in a full stop", () => {
    for (const f of findingsOf(statuses("Degraded", "Degraded"))) expect(f.message).toMatch(/^[^\n]+\.$/);
  });
});

describe("healthFindings on shared priorities", () => {
  it("flags endpoints that share a priority as order drift", () => {
    const profile = aProfile({
      endpoints: [anEndpoint({ name: "a", priority: 1 }), anEndpoint({ name: "b", priority: 1 })],
    });
    expect(findingsOf(profile)).toEqual([
      expect.objectContaining({
        code: "ORDER_DRIFT",
        severity: "warning",
        actual: { priority: 1, endpoints: ["a", "b"] },
      }),
    ]);
  });
});

describe("healthFindings (issue 10)", () => {
  it("takes the lowest priority as primary without a desired state, even when it is disabled", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "primary", priority: 1, enabled: false, monitorStatus: "Disabled" }),
        anEndpoint({ name: "standby", priority: 2 }),
        anEndpoint({ name: "spare", priority: 3 }),
      ],
    });
    const [finding] = findingsOf(profile);
    expect(finding).toMatchObject({ code: "PRIMARY_NOT_SERVING", severity: "warning", endpoint: "primary" });
    expect(finding?.message).toContain("endpoint disabled");
  });

  it("says that Always serve does not override a Stopped primary", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "primary", priority: 1, alwaysServe: true, monitorStatus: "Stopped" }),
        anEndpoint({ name: "standby", priority: 2 }),
        anEndpoint({ name: "spare", priority: 3 }),
      ],
    });
    const found = findingsOf(profile);
    expect(found.map((f) => f.code)).toEqual(["PRIMARY_NOT_SERVING"]);
    expect(found[0]?.message).toContain('"Always serve" does not override that: its status is Stopped');
  });

  it("does not call an always-serve endpoint that Traffic Manager took out of DNS a failover blocker", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1 }),
        anEndpoint({ name: "b", priority: 2, alwaysServe: true, monitorStatus: "Inactive" }),
        anEndpoint({ name: "c", priority: 3 }),
      ],
    });
    expect(codes(profile)).not.toContain("ALWAYS_SERVE_BLOCKS_FAILOVER");
  });

  it("says a profile with no endpoints has none, not that they are all disabled", () => {
    const [finding] = findingsOf(aProfile({ endpoints: [] }));
    expect(finding).toMatchObject({ code: "PRIMARY_NOT_SERVING", severity: "critical" });
    expect(finding?.message).toContain("has no endpoints");
    expect(finding?.message).not.toContain("all are disabled");
  });
});
