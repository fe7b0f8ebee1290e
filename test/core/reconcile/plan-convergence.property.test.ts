import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredState } from "../../../src/core/desired-state.js";
import { driftFindings } from "../../../src/core/drift-findings.js";
import type { LiveProfile } from "../../../src/core/profile.js";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { projectChanges } from "../../../src/core/reconcile/project-plan.js";
import { aMonitor, aProfile, anEndpoint } from "../../support/builders/audit-builders.js";

const RECONCILED = new Set(["ORDER_DRIFT", "ENDPOINT_STATUS_DRIFT", "MONITOR_CONFIG_DRIFT", "TTL_DRIFT"]);

/** A live profile of 1–9 endpoints with unique priorities, sometimes packed tight (1..n+2) so moves collide. */
const livePairs = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    priorities: fc.oneof(
      fc.uniqueArray(fc.integer({ min: 1, max: n + 2 }), { minLength: n, maxLength: n }),
      fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: n, maxLength: n }),
    ),
    enabled: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    // Desired: a shuffled subset (some endpoints stay unmanaged), each with a wanted status.
    desiredOrder: fc.shuffledSubarray([...Array(n).keys()], { minLength: 1 }),
    desiredEnabled: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    ttl: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    path: fc.option(fc.constantFrom("/health", "/ready", "/"), { nil: undefined }),
    tolerated: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
  }),
);

describe("reconcile plans (property)", () => {
  it("converge in one apply, with unique in-range priorities and an enabled endpoint after every step", () => {
    fc.assert(
      fc.property(livePairs, (g) => {
        const live: LiveProfile = aProfile({
          monitor: aMonitor(),
          endpoints: g.priorities.map((priority, i) =>
            anEndpoint({
              name: `e${String(i)}`,
              priority,
              enabled: g.enabled[i]!,
              monitorStatus: g.enabled[i] ? "Online" : "Disabled",
            }),
          ),
        });
        const desired: DesiredState = {
          routingMethod: "Priority",
          endpoints: g.desiredOrder.map((i) => ({ name: `e${String(i)}`, enabled: g.desiredEnabled[i]! })),
          monitor: {
            ...(g.path !== undefined && { path: g.path }),
            ...(g.tolerated !== undefined && { toleratedNumberOfFailures: g.tolerated }),
          },
          ...(g.ttl !== undefined && { ttl: g.ttl }),
        };

        const plan = planReconcile({ profile: live, desired, force: true });
        const finalEnabled = live.endpoints.filter((e) => {
          const d = desired.endpoints.find((x) => x.name === e.name);
          return d ? d.enabled : e.enabled;
        });
        if (finalEnabled.length === 0) {
          expect(plan.blocked.map((b) => b.rule)).toEqual(["no-enabled-endpoint"]);
          return;
        }
        expect(plan.blocked).toEqual([]);

        let state = live;
        const everEnabled = live.endpoints.some((e) => e.enabled);
        for (const change of plan.changes) {
          state = projectChanges(state, [change], desired);
          const priorities = state.endpoints.map((e) => e.priority!);
          expect(new Set(priorities).size).toBe(priorities.length);
          for (const p of priorities) expect(p >= 1 && p <= 1000).toBe(true);
          if (everEnabled) expect(state.endpoints.some((e) => e.enabled)).toBe(true);
        }
        expect(driftFindings(state, desired).filter((f) => RECONCILED.has(f.code))).toEqual([]);
        expect(planReconcile({ profile: state, desired, force: true }).changes).toEqual([]);
        // Endpoints outside the desired state keep their priority.
        for (const e of live.endpoints)
          if (!g.desiredOrder.includes(Number(e.name.slice(1))))
            expect(state.endpoints.find((x) => x.name === e.name)?.priority).toBe(e.priority);
      }),
      { numRuns: 500 },
    );
  });

  it("changes no endpoint whose priority already fits, when the others can move around it", () => {
    // Desired order reversed except the middle: one LIS of length 1 at least stays put.
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), (n) => {
        const live = aProfile({
          endpoints: [...Array(n).keys()].map((i) =>
            anEndpoint({ name: `e${String(i)}`, priority: (i + 1) * 10 }),
          ),
        });
        const desired: DesiredState = {
          routingMethod: "Priority",
          endpoints: [...Array(n).keys()].reverse().map((i) => ({ name: `e${String(i)}`, enabled: true })),
        };
        const moved = new Set(
          planReconcile({ profile: live, desired, force: true }).changes.map((c) => c.name),
        );
        expect(moved.size).toBe(n - 1);
      }),
    );
  });
});
