import { describe, expect, it } from "vitest";
import type { DesiredState } from "../../../src/core/desired-state.js";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { aProfile, aVerdict, anEndpoint } from "../../support/builders/audit-builders.js";

const desired = (...endpoints: [string, boolean][]): DesiredState => ({
  routingMethod: "Priority",
  endpoints: endpoints.map(([name, enabled]) => ({ name, enabled })),
});

const twoEndpoints = (bStatus = "Online") =>
  aProfile({
    endpoints: [
      anEndpoint({ name: "a", priority: 1 }),
      anEndpoint({ name: "b", priority: 2, monitorStatus: bStatus }),
    ],
  });

describe("reconcile guard rails", () => {
  it("blocks making an endpoint primary that Traffic Manager reports Degraded", () => {
    const plan = planReconcile({
      profile: twoEndpoints("Degraded"),
      desired: desired(["b", true], ["a", true]),
    });

    expect(plan.blocked).toEqual([
      expect.objectContaining({ rule: "unhealthy-primary", endpoint: "b", forceable: true }),
    ]);
    expect(plan.blocked[0]?.message).toContain("Traffic Manager says Degraded");
  });

  it("blocks making an endpoint primary that our probe finds failing, even when Traffic Manager says Online", () => {
    const plan = planReconcile({
      profile: twoEndpoints(),
      desired: desired(["b", true], ["a", true]),
      verdicts: new Map([
        ["a", aVerdict("Online", "a")],
        ["b", aVerdict("Degraded", "b")],
      ]),
    });

    expect(plan.blocked.map((b) => b.rule)).toEqual(["unhealthy-primary"]);
    expect(plan.blocked[0]?.message).toContain("our probe says Degraded");
  });

  it("blocks making an endpoint serving that nobody has seen healthy (enabled by the plan, never probed)", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1 }),
        anEndpoint({ name: "b", priority: 2, enabled: false, monitorStatus: "Disabled" }),
      ],
    });

    const plan = planReconcile({ profile, desired: desired(["b", true], ["a", true]) });

    expect(plan.blocked.map((b) => [b.rule, b.endpoint])).toEqual([["unhealthy-primary", "b"]]);
  });

  it("blocks disabling the serving endpoint when no healthy standby remains", () => {
    const plan = planReconcile({
      profile: twoEndpoints("Degraded"),
      desired: desired(["a", false], ["b", true]),
    });

    expect(plan.blocked.map((b) => b.rule)).toContain("no-healthy-standby");
    expect(plan.blocked.find((b) => b.rule === "no-healthy-standby")?.endpoint).toBe("a");
  });

  it("allows disabling the serving endpoint when a healthy standby takes over", () => {
    const plan = planReconcile({ profile: twoEndpoints(), desired: desired(["a", false], ["b", true]) });

    expect(plan.blocked).toEqual([]);
  });

  it("blocks leaving no endpoint enabled, and force does not lift it", () => {
    const plan = planReconcile({
      profile: twoEndpoints(),
      desired: desired(["a", false], ["b", false]),
      force: true,
    });

    expect(plan.blocked).toEqual([
      expect.objectContaining({ rule: "no-enabled-endpoint", forceable: false }),
    ]);
    expect(plan.overridden.map((b) => b.rule)).toEqual(["no-healthy-standby"]);
  });

  it("lets force lift the unhealthy-primary and no-healthy-standby rails, reporting them as overridden", () => {
    const plan = planReconcile({
      profile: twoEndpoints("Degraded"),
      desired: desired(["b", true], ["a", false]),
      force: true,
    });

    expect(plan.blocked).toEqual([]);
    expect(plan.overridden.map((b) => b.rule).sort()).toEqual(["no-healthy-standby", "unhealthy-primary"]);
  });

  it("refuses profiles that do not route by priority", () => {
    const plan = planReconcile({
      profile: aProfile({ routingMethod: "Weighted" }),
      desired: desired(["web-eastus", true]),
      force: true,
    });

    expect(plan.changes).toEqual([]);
    expect(plan.blocked.map((b) => b.rule)).toEqual(["not-priority"]);
  });
});
