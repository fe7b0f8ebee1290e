import type { DesiredState } from "../desired-state.js";
import { compareFailoverOrder } from "../failover-order.js";
import { effectiveTmStatus } from "../monitor-status.js";
import { formatProfileKey } from "../profile-key.js";
import type { Endpoint, LiveProfile } from "../profile.js";
import type { ProbeVerdict } from "../report.js";
import { guardRailBlocks, type HealthContext } from "./guard-rails.js";
import type { GuardRailBlock, Plan, PlanChange } from "./plan.js";
import { planHash } from "./plan-hash.js";
import { orderPriorityMoves, targetPriorities } from "./priority-moves.js";
import { profileChanges } from "./profile-changes.js";
import { projectChanges } from "./project-plan.js";

export interface PlanInput {
  profile: LiveProfile;
  /** Profiles read with it (nested children), by lower-case ARM ID. */
  related?: ReadonlyMap<string, LiveProfile>;
  desired: DesiredState;
  /** The latest probe verdicts by endpoint name (from the last report); absent offline. */
  verdicts?: ReadonlyMap<string, ProbeVerdict> | undefined;
  /** Lift the forceable guard rails. */
  force?: boolean;
}

const byName = (endpoints: readonly Endpoint[]) => new Map(endpoints.map((e) => [e.name.toLowerCase(), e]));

/**
 * The minimal ARM changes that make the live profile match the desired state (docs/reconcile.md):
 * enables first, then priority moves that keep every priority unique after each PATCH, then
 * disables, then the profile's monitor settings and TTL; so the profile stays valid and keeps as
 * many endpoints enabled as possible at every step. Pure and deterministic.
 */
export function planReconcile(input: PlanInput): Plan {
  const { profile: live, desired } = input;
  const force = input.force ?? false;
  const related = input.related ?? new Map<string, LiveProfile>();
  const statuses = new Map(live.endpoints.map((e) => [e.name, effectiveTmStatus(e, related)]));
  const ctx: HealthContext = { related, verdicts: input.verdicts, tmStatus: (name) => statuses.get(name) };
  const key = formatProfileKey(live.key);
  const hash = planHash({ profile: live, tmStatus: ctx.tmStatus, desired, verdicts: input.verdicts, force });
  const plan = (changes: PlanChange[], blocks: GuardRailBlock[], notes: string[]): Plan => ({
    profile: key,
    hash,
    changes,
    blocked: blocks.filter((b) => !force || !b.forceable),
    overridden: blocks.filter((b) => force && b.forceable),
    force,
    notes,
  });
  if (live.routingMethod !== "Priority") {
    const message = `The profile routes by ${live.routingMethod}; tm-sentinel reconciles Priority profiles only.`;
    return plan([], [{ rule: "not-priority", message, forceable: false }], []);
  }

  const liveByName = byName(live.endpoints);
  const desiredNames = new Set(desired.endpoints.map((e) => e.name.toLowerCase()));
  const managed = desired.endpoints.flatMap((d) => {
    const e = liveByName.get(d.name.toLowerCase());
    return e ? [{ want: d, live: e }] : [];
  });
  const notes = [
    ...desired.endpoints
      .filter((d) => !liveByName.has(d.name.toLowerCase()))
      .map(
        (d) =>
          `Endpoint "${d.name}" is desired but does not exist; apply does not create endpoints (ENDPOINT_MISSING).`,
      ),
    ...live.endpoints
      .filter((e) => !desiredNames.has(e.name.toLowerCase()))
      .map(
        (e) =>
          `Endpoint "${e.name}" is not in the desired state; apply leaves it (and its priority ${e.priority ?? "unset"}) alone (ENDPOINT_UNEXPECTED).`,
      ),
  ];

  const status = (m: (typeof managed)[number], to: "Enabled" | "Disabled"): PlanChange => ({
    target: "endpoint",
    name: m.live.name,
    endpointType: m.live.type,
    field: "endpointStatus",
    from: to === "Enabled" ? "Disabled" : "Enabled",
    to,
    reason: `the desired state has it ${to.toLowerCase()} (ENDPOINT_STATUS_DRIFT)`,
  });
  const enables = managed.filter((m) => m.want.enabled && !m.live.enabled).map((m) => status(m, "Enabled"));
  const disables = managed.filter((m) => !m.want.enabled && m.live.enabled).map((m) => status(m, "Disabled"));

  const order = compareFailoverOrder(
    desired.endpoints.map((e) => e.name),
    live.endpoints,
  );
  const moves: PlanChange[] = [];
  if (order.drift) {
    const slots = managed.map((m) => ({ name: m.live.name, priority: m.live.priority }));
    const fixed = live.endpoints
      .filter((e) => !desiredNames.has(e.name.toLowerCase()) && e.priority !== undefined)
      .map((e) => e.priority!);
    const targets = targetPriorities(slots, fixed);
    const current = new Map(live.endpoints.map((e) => [e.name, e.priority]));
    const position = new Map(managed.map((m, i) => [m.live.name, i + 1]));
    for (const move of orderPriorityMoves(current, targets)) {
      moves.push({
        target: "endpoint",
        name: move.name,
        endpointType: liveByName.get(move.name.toLowerCase())!.type,
        field: "priority",
        from: move.from ?? null,
        to: move.to,
        reason: move.temporary
          ? `a free value first, so the priority it leaves can be taken (priorities must stay unique)`
          : `desired failover position ${String(position.get(move.name))} of ${String(managed.length)} (ORDER_DRIFT)`,
      });
    }
  }
  const changes = [...enables, ...moves, ...disables, ...profileChanges(key, live, desired)];
  const projected = projectChanges(live, changes, desired);
  return plan(changes, guardRailBlocks(live, projected, ctx), notes);
}
