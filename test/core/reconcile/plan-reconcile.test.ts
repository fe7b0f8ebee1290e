import { describe, expect, it } from "vitest";
import type { DesiredState } from "../../../src/core/desired-state.js";
import { driftFindings } from "../../../src/core/drift-findings.js";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { projectChanges } from "../../../src/core/reconcile/project-plan.js";
import { aProfile, aVerdict, anEndpoint, endpointsInOrder } from "../../support/builders/audit-builders.js";

const want = (...names: string[]): DesiredState => ({
  routingMethod: "Priority",
  endpoints: names.map((name) => ({ name, enabled: true })),
});

describe("planReconcile", () => {
  it("plans nothing when the live profile already matches", () => {
    const plan = planReconcile({
      profile: aProfile(),
      desired: want("web-eastus", "web-westus", "web-northeu"),
    });

    expect(plan.changes).toEqual([]);
    expect(plan.blocked).toEqual([]);
  });

  it("moves one endpoint when one is out of place, to a value nobody holds", () => {
    const plan = planReconcile({
      profile: aProfile(),
      desired: want("web-eastus", "web-northeu", "web-westus"),
    });

    expect(plan.changes).toEqual([
      expect.objectContaining({ target: "endpoint", name: "web-westus", field: "priority", from: 2, to: 4 }),
    ]);
  });

  it("swaps a primary and a standby through valid intermediate priorities", () => {
    const profile = aProfile({ endpoints: endpointsInOrder("a", "b") });

    const plan = planReconcile({ profile, desired: want("b", "a") });

    expect(plan.changes.map((c) => [c.name, c.from, c.to])).toEqual([["a", 1, 3]]);
  });

  it("compares relative order only: priorities 10,20,30 already match 1,2,3", () => {
    const profile = aProfile({
      endpoints: [10, 20, 30].map((priority, i) => anEndpoint({ name: ["a", "b", "c"][i]!, priority })),
    });

    expect(planReconcile({ profile, desired: want("a", "b", "c") }).changes).toEqual([]);
  });

  it("never hands out a priority held by an endpoint outside the desired state", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1 }),
        anEndpoint({ name: "x", priority: 3 }),
        anEndpoint({ name: "b", priority: 2 }),
      ],
    });

    const plan = planReconcile({ profile, desired: want("b", "a") });

    expect(plan.changes.map((c) => c.to)).not.toContain(3);
    expect(plan.notes.join(" ")).toContain('"x"');
  });

  it("enables before moving and disables last, with reasons", () => {
    const profile = aProfile({
      endpoints: [
        anEndpoint({ name: "a", priority: 1 }),
        anEndpoint({ name: "b", priority: 2, enabled: false, monitorStatus: "Disabled" }),
      ],
    });
    const desired: DesiredState = {
      routingMethod: "Priority",
      endpoints: [
        { name: "b", enabled: true },
        { name: "a", enabled: false },
      ],
    };

    const plan = planReconcile({ profile, desired, verdicts: new Map([["b", aVerdict("Online", "b")]]) });

    expect(plan.changes.map((c) => `${c.name} ${c.field} ${String(c.to)}`)).toEqual([
      "b endpointStatus Enabled",
      "a priority 3",
      "a endpointStatus Disabled",
    ]);
    expect(plan.blocked).toEqual([]);
  });

  it("plans monitor and TTL changes on the profile, hiding header values", () => {
    const desired: DesiredState = {
      ...want("web-eastus", "web-westus", "web-northeu"),
      monitor: { path: "/ready", customHeaders: [{ name: "X-Key", value: "s3cret" }] },
      ttl: 30,
    };

    const plan = planReconcile({ profile: aProfile(), desired });

    expect(plan.changes).toEqual([
      expect.objectContaining({
        target: "profile",
        field: "monitorConfig.path",
        from: "/health",
        to: "/ready",
      }),
      expect.objectContaining({ field: "monitorConfig.customHeaders", from: [], to: ["X-Key"] }),
      expect.objectContaining({ field: "ttl", from: 60, to: 30 }),
    ]);
    expect(JSON.stringify(plan)).not.toContain("s3cret");
  });

  it("leaves no ORDER, STATUS, MONITOR or TTL drift once its changes are applied", () => {
    const profile = aProfile();
    const desired: DesiredState = {
      routingMethod: "Priority",
      endpoints: [
        { name: "web-northeu", enabled: true },
        { name: "web-eastus", enabled: true },
        { name: "web-westus", enabled: false },
      ],
      monitor: { protocol: "HTTP", port: 8080, expectedStatusCodeRanges: [{ min: 200, max: 399 }] },
      ttl: 10,
    };

    const plan = planReconcile({ profile, desired, force: true });
    const after = projectChanges(profile, plan.changes, desired);

    expect(driftFindings(after, desired)).toEqual([]);
  });

  it("hashes its inputs: same inputs same hash; a changed probe verdict, live priority or force changes it", () => {
    const desired = want("web-westus", "web-eastus", "web-northeu");
    const base = {
      profile: aProfile(),
      desired,
      verdicts: new Map([["web-westus", aVerdict("Online", "web-westus")]]),
    };
    const hash = planReconcile(base).hash;

    expect(planReconcile(base).hash).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      planReconcile({ ...base, verdicts: new Map([["web-westus", aVerdict("Failing", "web-westus")]]) }).hash,
    ).not.toBe(hash);
    expect(
      planReconcile({
        ...base,
        profile: aProfile({ endpoints: endpointsInOrder("web-eastus", "web-northeu", "web-westus") }),
      }).hash,
    ).not.toBe(hash);
    expect(planReconcile({ ...base, force: true }).hash).not.toBe(hash);
  });

  it("ignores a probe's latency in the hash (status only)", () => {
    const desired = want("web-westus", "web-eastus", "web-northeu");
    const v1 = aVerdict("Online", "web-westus");
    const v2 = { ...v1, last: { ...v1.last, latencyMs: 999 } };

    expect(
      planReconcile({ profile: aProfile(), desired, verdicts: new Map([["web-westus", v1]]) }).hash,
    ).toBe(planReconcile({ profile: aProfile(), desired, verdicts: new Map([["web-westus", v2]]) }).hash);
  });
});
