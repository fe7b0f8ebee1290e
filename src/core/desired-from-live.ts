import type { DesiredMonitor, DesiredState } from "./desired-state.js";
import { orderEndpoints } from "./failover-order.js";
import type { LiveProfile } from "./profile.js";

/**
 * The desired document that describes a live profile as it is now: endpoints in live failover
 * order with their enabled flags, the monitor settings and the TTL. Custom headers are left out on
 * purpose: they often carry tokens, and desired documents are shown over HTTP. Vanity domains are
 * unknown to ARM, so the caller passes the ones to keep (and the auto-reconcile mode). The result still goes through the schema.
 */
export function desiredFromLive(
  profile: LiveProfile,
  keep: Pick<DesiredState, "vanityDomains" | "reconcile"> = {},
): unknown {
  const m = profile.monitor;
  const monitor: DesiredMonitor | undefined = m && {
    protocol: m.protocol,
    port: m.port,
    ...(m.path !== undefined && m.protocol !== "TCP" ? { path: m.path } : {}),
    intervalInSeconds: m.intervalInSeconds,
    timeoutInSeconds: m.timeoutInSeconds,
    toleratedNumberOfFailures: m.toleratedNumberOfFailures,
    ...(m.expectedStatusCodeRanges.length > 0 && m.protocol !== "TCP"
      ? { expectedStatusCodeRanges: m.expectedStatusCodeRanges.map((r) => ({ min: r.min, max: r.max })) }
      : {}),
  };
  return {
    routingMethod: profile.routingMethod,
    endpoints: orderEndpoints(profile.endpoints).map((e) => ({ name: e.name, enabled: e.enabled })),
    ...(monitor ? { monitor } : {}),
    ...(profile.dns.ttl !== undefined ? { ttl: profile.dns.ttl } : {}),
    ...(keep.vanityDomains !== undefined ? { vanityDomains: keep.vanityDomains } : {}),
    ...(keep.reconcile !== undefined ? { reconcile: keep.reconcile } : {}),
  };
}
