import { orderEndpoints } from "./failover-order.js";
import { effectiveTmStatus, isNeverServedStatus, isServableStatus } from "./monitor-status.js";
import type { Endpoint, EndpointMonitorStatus, LiveProfile } from "./profile.js";
import type { ProbeVerdict, ServingBasis } from "./report.js";

/** up: may be served; down: skipped unless every eligible endpoint is down (fail-open); never: not served. */
export type EndpointHealth = "up" | "down" | "never";

export interface EndpointAssessment {
  endpoint: Endpoint;
  /**
   * Traffic Manager's status as it applies to routing: what ARM reported; for a nested endpoint
   * ARM did not report a status for, the one derived from the child profile.
   */
  tmStatus: EndpointMonitorStatus | undefined;
  /** Nested only: the status derived from the child profile, when it differs from what ARM reported. */
  derivedTmStatus?: EndpointMonitorStatus;
  verdict?: ProbeVerdict;
  health: EndpointHealth;
}

export interface ServingContext {
  /** Every profile read, by lower-case ARM ID, so nested endpoints find their child. */
  related: ReadonlyMap<string, LiveProfile>;
  basis: ServingBasis;
  /** Our probe verdicts by endpoint name. */
  verdicts?: ReadonlyMap<string, ProbeVerdict>;
}

export interface ServingResult {
  /** Name of the endpoint Traffic Manager hands out under Priority; null when none (or not Priority). */
  servingEndpoint: string | null;
  /** True when the serving endpoint was chosen only because every eligible endpoint is down. */
  failOpen: boolean;
  /** Endpoints in failover order with their health on the chosen basis. */
  ordered: EndpointAssessment[];
}

function tmHealth(status: EndpointMonitorStatus | undefined): EndpointHealth {
  if (isNeverServedStatus(status)) return "never";
  // An unknown status string is treated like Degraded: skipped, but eligible for fail-open.
  return isServableStatus(status) ? "up" : "down";
}

function healthOf(
  endpoint: Endpoint,
  tmStatus: EndpointMonitorStatus | undefined,
  context: ServingContext,
  verdict?: ProbeVerdict,
): EndpointHealth {
  if (!endpoint.enabled) return "never";
  const tm = tmHealth(tmStatus);
  // Administrative states (Disabled/Stopped/Inactive) win over alwaysServe and any probe: Traffic
  // Manager takes such an endpoint out of DNS whatever "Always serve" says.
  if (tm === "never") return tm;
  // alwaysServe bypasses monitoring: Traffic Manager always treats the endpoint as eligible.
  if (endpoint.alwaysServe) return "up";
  if (verdict === undefined || context.basis === "traffic-manager") return tm;
  const probe: EndpointHealth = verdict.status === "Degraded" ? "down" : "up";
  if (context.basis === "probes") return probe;
  return tm === "up" && probe === "up" ? "up" : "down";
}

/**
 * The endpoint Traffic Manager serves under Priority routing (docs/audit-rules.md): the first endpoint in
 * priority order that is up; if none is up, the first one that is down (fail-open); Disabled,
 * Stopped and Inactive endpoints never; nothing when the profile is disabled. For other routing
 * methods there is no single serving endpoint, so it is null (health is still assessed).
 */
export function computeServing(profile: LiveProfile, context: ServingContext): ServingResult {
  const ordered = orderEndpoints(profile.endpoints).map((endpoint): EndpointAssessment => {
    const computed = effectiveTmStatus(endpoint, context.related);
    // Where ARM reported a nested endpoint's status, routing follows it; the derivation is shown beside it.
    const reported =
      endpoint.enabled && endpoint.type === "NestedEndpoints" ? endpoint.monitorStatus : undefined;
    const tmStatus = reported ?? computed;
    const verdict = context.verdicts?.get(endpoint.name);
    const assessment: EndpointAssessment = {
      endpoint,
      tmStatus,
      health: healthOf(endpoint, tmStatus, context, verdict),
    };
    if (computed !== undefined && computed !== tmStatus) assessment.derivedTmStatus = computed;
    if (verdict !== undefined) assessment.verdict = verdict;
    return assessment;
  });
  const none = { servingEndpoint: null, failOpen: false, ordered };
  if (profile.profileStatus.toLowerCase() === "disabled" || profile.routingMethod !== "Priority") return none;
  const up = ordered.find((a) => a.health === "up");
  if (up) return { servingEndpoint: up.endpoint.name, failOpen: false, ordered };
  const down = ordered.find((a) => a.health === "down");
  if (down) return { servingEndpoint: down.endpoint.name, failOpen: true, ordered };
  return none;
}
