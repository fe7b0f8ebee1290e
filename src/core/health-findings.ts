import type { DesiredState } from "./desired-state.js";
import type { Finding } from "./finding.js";
import type { LiveProfile } from "./profile.js";
import type { EndpointAssessment, ServingResult } from "./serving-endpoint.js";

/**
 * Findings that need no probe and no desired state beyond who the primary is: routing method,
 * disabled profile, fail-open, who is serving, standby health and always-serve. Severities are
 * explained in the README (Finding codes) and docs/audit-rules.md.
 */
export function healthFindings(
  profile: LiveProfile,
  serving: ServingResult,
  desired?: DesiredState,
): Finding[] {
  const findings: Finding[] = [];
  const isPriority = profile.routingMethod === "Priority";
  if (!isPriority) {
    findings.push({
      code: "ROUTING_METHOD_NOT_PRIORITY",
      severity: "critical",
      message: `Routing method is ${profile.routingMethod}, so traffic does not follow a failover order; set the profile's routing method to Priority.`,
      expected: "Priority",
      actual: profile.routingMethod,
    });
  }
  if (profile.profileStatus.toLowerCase() === "disabled") {
    findings.push({
      code: "PROFILE_DISABLED",
      severity: "critical",
      message: `The profile is disabled, so its DNS name answers NXDOMAIN and no endpoint is served; enable the profile.`,
      expected: "Enabled",
      actual: profile.profileStatus,
    });
    return findings;
  }

  const eligible = serving.ordered.filter((a) => a.health !== "never");
  if (eligible.length > 0 && eligible.every((a) => a.health === "down")) {
    findings.push({
      code: "ALL_ENDPOINTS_DEGRADED",
      severity: "critical",
      message: `Every eligible endpoint is degraded, so Traffic Manager fails open and serves unhealthy endpoints; fix the endpoints or the probe settings (path, port, protocol, firewall).`,
      actual: eligible.map((a) => a.endpoint.name),
    });
  }
  if (!isPriority) return findings;

  findings.push(...sharedPriorityFindings(serving.ordered));
  const primary = findPrimary(serving.ordered, desired);
  if (serving.servingEndpoint === null) {
    const why =
      serving.ordered.length === 0
        ? "The profile has no endpoints, so it answers with no endpoint; add at least one endpoint."
        : `No endpoint can be served (all are disabled, stopped or inactive), so the profile answers with no endpoint; enable or start at least one endpoint.`;
    findings.push({
      code: "PRIMARY_NOT_SERVING",
      severity: "critical",
      ...(primary ? { endpoint: primary.endpoint.name } : {}),
      message: why,
      expected: primary?.endpoint.name ?? null,
      actual: null,
    });
  } else if (primary && primary.endpoint.name !== serving.servingEndpoint) {
    findings.push({
      code: "PRIMARY_NOT_SERVING",
      severity: "warning",
      endpoint: primary.endpoint.name,
      message: `Traffic is going to "${serving.servingEndpoint}" instead of the primary "${primary.endpoint.name}" (${primaryState(primary)}${primary.verdict ? `, probe ${primary.verdict.status}` : ""}); restore the primary.${alwaysServeOverruled(primary)}`,
      expected: primary.endpoint.name,
      actual: serving.servingEndpoint,
    });
  }
  if (serving.servingEndpoint !== null && !serving.failOpen) {
    const standby = serving.ordered.some(
      (a) => a.health === "up" && a.endpoint.name !== serving.servingEndpoint,
    );
    if (!standby) {
      findings.push({
        code: "NO_HEALTHY_STANDBY",
        severity: "warning",
        message: `Only "${serving.servingEndpoint}" is healthy, so there is nothing to fail over to; restore or add a standby endpoint.`,
        actual: serving.servingEndpoint,
      });
    }
  }
  // An always-serve endpoint Traffic Manager has taken out of DNS (Disabled/Stopped/Inactive) blocks nothing.
  const blockerIndex = serving.ordered.findIndex((a) => a.endpoint.alwaysServe && a.health !== "never");
  const blocked = serving.ordered.slice(blockerIndex + 1).filter((a) => a.endpoint.enabled);
  if (blockerIndex !== -1 && blocked.length > 0) {
    const blocker = serving.ordered[blockerIndex]!.endpoint.name;
    findings.push({
      code: "ALWAYS_SERVE_BLOCKS_FAILOVER",
      severity: "warning",
      endpoint: blocker,
      message: `Endpoint "${blocker}" has "Always serve" enabled, so Traffic Manager never fails over past it to ${blocked.map((a) => `"${a.endpoint.name}"`).join(", ")}; turn Always serve off.`,
      expected: "Disabled",
      actual: "Enabled",
    });
  }
  return findings;
}

/**
 * ARM requires unique priorities; when two endpoints share one (seen in exported examples) the
 * failover order between them is undefined, so it is reported as order drift without a desired state.
 */
function sharedPriorityFindings(ordered: readonly EndpointAssessment[]): Finding[] {
  const byPriority = new Map<number, string[]>();
  for (const a of ordered) {
    if (a.endpoint.priority === undefined) continue;
    byPriority.set(a.endpoint.priority, [...(byPriority.get(a.endpoint.priority) ?? []), a.endpoint.name]);
  }
  return [...byPriority.entries()]
    .filter(([, names]) => names.length > 1)
    .map(([priority, names]) => ({
      code: "ORDER_DRIFT" as const,
      severity: "warning" as const,
      message: `Endpoints ${names.map((n) => `"${n}"`).join(", ")} share priority ${priority}, so their failover order is undefined; give every endpoint a unique priority.`,
      expected: "unique priorities",
      actual: { priority, endpoints: names },
    }));
}

function primaryState(a: EndpointAssessment): string {
  return a.endpoint.enabled ? `status ${a.tmStatus ?? "unknown"}` : "endpoint disabled";
}

/** Administrative state wins over "Always serve": say so, since the setting suggests otherwise. */
function alwaysServeOverruled(a: EndpointAssessment): string {
  if (!a.endpoint.alwaysServe || a.health !== "never") return "";
  const state = a.endpoint.enabled ? `its status is ${a.tmStatus ?? "unknown"}` : "it is disabled";
  return ` "Always serve" does not override that: ${state}, so Traffic Manager leaves it out of DNS.`;
}

/**
 * The primary: the first desired endpoint meant to be enabled that exists live, or without a
 * desired state the endpoint with the lowest priority value, enabled or not (a disabled primary
 * is a finding, not a reason to look further down the list).
 */
function findPrimary(
  ordered: readonly EndpointAssessment[],
  desired?: DesiredState,
): EndpointAssessment | undefined {
  if (desired) {
    for (const want of desired.endpoints) {
      if (!want.enabled) continue;
      const match = ordered.find((a) => a.endpoint.name.toLowerCase() === want.name.toLowerCase());
      if (match) return match;
    }
    return undefined;
  }
  return ordered[0];
}
