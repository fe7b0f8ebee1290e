import { orderEndpoints } from "../failover-order.js";
import { isServableStatus } from "../monitor-status.js";
import type { EndpointMonitorStatus, LiveProfile } from "../profile.js";
import type { ProbeVerdict } from "../report.js";
import { computeServing } from "../serving-endpoint.js";
import type { GuardRailBlock } from "./plan.js";

export interface HealthContext {
  related: ReadonlyMap<string, LiveProfile>;
  verdicts?: ReadonlyMap<string, ProbeVerdict> | undefined;
  /** Traffic Manager's status per endpoint before the plan (nested: from the child). */
  tmStatus: (name: string) => EndpointMonitorStatus | undefined;
}

/**
 * Whether an endpoint may take traffic, by our probe and by Traffic Manager (before the plan):
 * unhealthy when either says so; healthy when one says Online and the other does not object;
 * unknown (treated as unhealthy) when neither knows, e.g. a disabled endpoint nobody probed.
 */
export function endpointHealth(
  live: LiveProfile,
  name: string,
  ctx: HealthContext,
): { healthy: boolean; why: string } {
  const endpoint = live.endpoints.find((e) => e.name.toLowerCase() === name.toLowerCase());
  const verdict = ctx.verdicts?.get(endpoint?.name ?? name);
  const tm = endpoint?.enabled ? ctx.tmStatus(endpoint.name) : undefined;
  if (verdict && verdict.status !== "Online")
    return { healthy: false, why: `our probe says ${verdict.status}` };
  if (tm !== undefined && !isServableStatus(tm)) return { healthy: false, why: `Traffic Manager says ${tm}` };
  if (verdict?.status === "Online") return { healthy: true, why: "our probe says Online" };
  if (tm === "Online" || tm === "Unmonitored") return { healthy: true, why: `Traffic Manager says ${tm}` };
  return {
    healthy: false,
    why: endpoint?.enabled
      ? `its health is not known yet (Traffic Manager says ${tm ?? "nothing"} and no probe verdict exists)`
      : "its health is not known (it is disabled and no probe verdict exists)",
  };
}

const firstEnabled = (p: LiveProfile) => orderEndpoints(p.endpoints).find((e) => e.enabled)?.name;

/** The guard rails of docs/reconcile.md, on the live profile and its projection after the plan. */
export function guardRailBlocks(
  live: LiveProfile,
  projected: LiveProfile,
  ctx: HealthContext,
): GuardRailBlock[] {
  const blocks: GuardRailBlock[] = [];
  if (!projected.endpoints.some((e) => e.enabled)) {
    blocks.push({
      rule: "no-enabled-endpoint",
      message:
        "The plan would leave no endpoint enabled, so the profile would answer nothing; enable at least one endpoint in the desired state.",
      forceable: false,
    });
  }
  const health = (name: string) => endpointHealth(live, name, ctx);
  const basis = ctx.verdicts && ctx.verdicts.size > 0 ? "both" : "traffic-manager";
  const serving = (p: LiveProfile) =>
    computeServing(p, { related: ctx.related, basis, ...(ctx.verdicts ? { verdicts: ctx.verdicts } : {}) })
      .servingEndpoint;

  const [primaryBefore, primaryAfter] = [firstEnabled(live), firstEnabled(projected)];
  if (primaryAfter !== undefined && primaryAfter !== primaryBefore) {
    const h = health(primaryAfter);
    if (!h.healthy)
      blocks.push({
        rule: "unhealthy-primary",
        endpoint: primaryAfter,
        message: `The plan would make "${primaryAfter}" primary, but ${h.why}; fix it first or apply with force.`,
        forceable: true,
      });
  }
  const [servingBefore, servingAfter] = [serving(live), serving(projected)];
  if (servingAfter !== null && servingAfter !== servingBefore && servingAfter !== primaryAfter) {
    const h = health(servingAfter);
    if (!h.healthy)
      blocks.push({
        rule: "unhealthy-primary",
        endpoint: servingAfter,
        message: `After the plan Traffic Manager would serve "${servingAfter}", but ${h.why}; fix it first or apply with force.`,
        forceable: true,
      });
  }
  const servingDisabled =
    servingBefore !== null && projected.endpoints.some((e) => e.name === servingBefore && !e.enabled);
  if (servingDisabled) {
    const standby = projected.endpoints.filter(
      (e) => e.enabled && e.name !== servingBefore && health(e.name).healthy,
    );
    if (standby.length === 0)
      blocks.push({
        rule: "no-healthy-standby",
        endpoint: servingBefore,
        message: `The plan disables "${servingBefore}", which serves now, and no healthy enabled endpoint would remain to take over; apply with force only if an outage is intended.`,
        forceable: true,
      });
  }
  return blocks;
}
