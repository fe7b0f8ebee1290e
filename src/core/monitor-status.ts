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
      const minimums: NestedMinimums = { all: endpoint.minChildEndpoints ?? 1 };
      if (endpoint.minChildEndpointsIPv4 !== undefined) minimums.ipv4 = endpoint.minChildEndpointsIPv4;
      if (endpoint.minChildEndpointsIPv6 !== undefined) minimums.ipv6 = endpoint.minChildEndpointsIPv6;
      return nestedEndpointStatus(child, minimums, related, new Set([...visited, childId]));
    }
  }
  return endpoint.monitorStatus;
}

/** Child endpoints a nested endpoint needs; the per-family ones apply to MultiValue children only. */
export interface NestedMinimums {
  all: number;
  ipv4?: number;
  ipv6?: number;
}

/** "A" for IPv4 literals, "AAAA" for IPv6 literals, undefined for names (and nested endpoints). */
function recordFamily(target: string | undefined): "ipv4" | "ipv6" | undefined {
  const t = target?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  if (t.includes(":")) return "ipv6";
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(t) ? "ipv4" : undefined;
}

/**
 * Parent-endpoint status from the child profile (docs/audit-rules.md): Stopped when the child is
 * Disabled or Inactive; else Online if enough child endpoints are Online, CheckingEndpoint if
 * enough are Online or still checking, else Degraded. Unmonitored (always-serve) counts as Online.
 * For a MultiValue child, minChildEndpointsIPv4/IPv6 must be met as well (Azure's nested-profiles
 * article: they count healthy IPv4 / IPv6 child endpoints; MultiValue children need both kinds).
 */
export function nestedEndpointStatus(
  child: LiveProfile,
  minChildEndpoints: number | NestedMinimums,
  related: ReadonlyMap<string, LiveProfile>,
  visited: ReadonlySet<string> = new Set([child.id.toLowerCase()]),
): EndpointMonitorStatus {
  const minimums = typeof minChildEndpoints === "number" ? { all: minChildEndpoints } : minChildEndpoints;
  const statuses = child.endpoints.map((e) => effectiveTmStatus(e, related, visited));
  const childStatus = deriveProfileMonitorStatus(child.profileStatus, statuses);
  if (childStatus === "Disabled" || childStatus === "Inactive") return "Stopped";
  const isOnline = (s: EndpointMonitorStatus | undefined) => s === "Online" || s === "Unmonitored";
  const isChecking = (s: EndpointMonitorStatus | undefined) => s === undefined || s === "CheckingEndpoint";
  const perFamily = child.routingMethod === "MultiValue";
  const meets = (counts: (s: EndpointMonitorStatus | undefined) => boolean): boolean => {
    const count = (family?: "ipv4" | "ipv6") =>
      statuses.filter(
        (s, i) => counts(s) && (family === undefined || recordFamily(child.endpoints[i]?.target) === family),
      ).length;
    if (count() < minimums.all) return false;
    if (!perFamily) return true;
    return count("ipv4") >= (minimums.ipv4 ?? 0) && count("ipv6") >= (minimums.ipv6 ?? 0);
  };
  if (meets(isOnline)) return "Online";
  if (meets((s) => isOnline(s) || isChecking(s))) return "CheckingEndpoint";
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
