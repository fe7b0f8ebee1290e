import type { Endpoint, EndpointMonitorStatus, LiveProfile, ProfileMonitorStatus } from "./profile.js";

/** Statuses under which Traffic Manager may hand out an endpoint (docs/audit-rules.md). */
const SERVABLE = new Set(["Online", "CheckingEndpoint", "Unmonitored"]);

/**
 * Traffic Manager's endpoint status as it applies to routing: Disabled when the endpoint is
 * disabled; for a nested endpoint whose child profile is in `related` (by lower-case ARM ID), the
 * status derived from the child; otherwise the status ARM reported (undefined when unknown).
 */
export function effectiveTmStatus(
  endpoint: Endpoint,
  related: ReadonlyMap<string, LiveProfile>,
  visited: ReadonlySet<string> = new Set(),
): EndpointMonitorStatus | undefined {
  if (!endpoint.enabled) return "Disabled";
  if (endpoint.type === "NestedEndpoints" && endpoint.targetResourceId !== undefined) {
    const childId = endpoint.targetResourceId.toLowerCase();
    const child = related.get(childId);
    // Nesting has no loops in ARM, but a crafted file could: fall back to the reported status.
    if (child && !visited.has(childId)) {
      return nestedEndpointStatus(
        child,
        endpoint.minChildEndpoints ?? 1,
        related,
        new Set([...visited, childId]),
      );
    }
  }
  return endpoint.monitorStatus;
}

/**
 * Parent-endpoint status from the child profile (docs/audit-rules.md): Stopped when the child is
 * Disabled or Inactive; else Online if enough child endpoints are Online, CheckingEndpoint if
 * enough are Online or still checking, else Degraded. Unmonitored (always-serve) counts as Online.
 */
export function nestedEndpointStatus(
  child: LiveProfile,
  minChildEndpoints: number,
  related: ReadonlyMap<string, LiveProfile>,
  visited: ReadonlySet<string> = new Set([child.id.toLowerCase()]),
): EndpointMonitorStatus {
  const statuses = child.endpoints.map((e) => effectiveTmStatus(e, related, visited));
  const childStatus = deriveProfileMonitorStatus(child.profileStatus, statuses);
  if (childStatus === "Disabled" || childStatus === "Inactive") return "Stopped";
  const online = statuses.filter((s) => s === "Online" || s === "Unmonitored").length;
  const checking = statuses.filter((s) => s === undefined || s === "CheckingEndpoint").length;
  if (online >= minChildEndpoints) return "Online";
  if (online + checking >= minChildEndpoints) return "CheckingEndpoint";
  return "Degraded";
}

/**
 * Profile monitor status as Traffic Manager derives it (docs/audit-rules.md). An endpoint without a
 * known status counts as CheckingEndpoint (nothing observed yet); Unmonitored counts as Online.
 */
export function deriveProfileMonitorStatus(
  profileStatus: string,
  endpointStatuses: readonly (EndpointMonitorStatus | undefined)[],
): ProfileMonitorStatus {
  if (profileStatus.toLowerCase() === "disabled") return "Disabled";
  if (endpointStatuses.includes("Degraded")) return "Degraded";
  if (endpointStatuses.some((s) => s === "Online" || s === "Unmonitored")) return "Online";
  if (endpointStatuses.some((s) => s === undefined || s === "CheckingEndpoint")) return "CheckingEndpoints";
  return "Inactive";
}

/** True for statuses Traffic Manager serves; undefined (not known yet) counts as CheckingEndpoint. */
export function isServableStatus(status: EndpointMonitorStatus | undefined): boolean {
  return status === undefined || SERVABLE.has(status);
}

/** Disabled, Stopped and Inactive endpoints are never served, not even by fail-open. */
export function isNeverServedStatus(status: EndpointMonitorStatus | undefined): boolean {
  return status === "Disabled" || status === "Stopped" || status === "Inactive";
}
