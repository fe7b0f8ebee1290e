import type { CustomHeader, Endpoint, LiveProfile, MonitorProtocol, StatusCodeRange } from "./profile.js";

/** Everything the prober needs to probe one endpoint, resolved from the profile (docs/audit-rules.md). */
export interface ProbeTarget {
  endpoint: string;
  protocol: MonitorProtocol;
  /** FQDN or IP literal (IPv6 without brackets). */
  host: string;
  port: number;
  /** Request path for HTTP/HTTPS; "/" for TCP (unused). */
  path: string;
  /** Host header to send: custom `Host` header if given, else the target. */
  hostHeader: string;
  /** Profile-level headers overridden by endpoint-level ones of the same name (Host excluded). */
  headers: CustomHeader[];
  /** Empty means 200 only. */
  expectedStatusCodeRanges: StatusCodeRange[];
  timeoutMs: number;
}

/** An IPv6 literal is the only kind of target that contains a colon. */
export function isIpv6Literal(host: string): boolean {
  return host.includes(":");
}

/** True for IPv4 and IPv6 literals: no SNI and no name to put in the Host header. */
export function isIpLiteral(host: string): boolean {
  return isIpv6Literal(host) || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/** `host` as it appears in a URL or Host header: IPv6 literals in brackets. */
export function formatHostForUrl(host: string): string {
  return isIpv6Literal(host) ? `[${host}]` : host;
}

/** Endpoint headers replace profile headers of the same name (case-insensitive), as Traffic Manager does. */
export function mergeHeaders(
  profileHeaders: readonly CustomHeader[],
  endpointHeaders: readonly CustomHeader[],
): CustomHeader[] {
  const merged = new Map<string, CustomHeader>();
  for (const h of [...profileHeaders, ...endpointHeaders]) merged.set(h.name.toLowerCase(), h);
  return [...merged.values()];
}

function probeHost(endpoint: Endpoint): string | undefined {
  const target = endpoint.target?.trim().replace(/^\[(.*)\]$/, "$1");
  return target === undefined || target === "" ? undefined : target;
}

/**
 * Why Traffic Manager does not probe an endpoint, so neither do we: a disabled endpoint is out of
 * DNS and not monitored; an always-serve endpoint has health checks turned off (Unmonitored).
 * Undefined when it is probed.
 */
export function notProbedReason(endpoint: Pick<Endpoint, "enabled" | "alwaysServe">): string | undefined {
  if (!endpoint.enabled) return "not probed (disabled)";
  if (endpoint.alwaysServe) return "not probed (always serve)";
  return undefined;
}

/**
 * Targets for every endpoint we can probe ourselves. Nested endpoints are left out (their health
 * comes from the child profile), as are endpoints without a target, profiles without monitor
 * settings, and endpoints Traffic Manager does not probe (notProbedReason).
 */
export function buildProbeTargets(profile: LiveProfile): ProbeTarget[] {
  const monitor = profile.monitor;
  if (monitor === undefined) return [];
  const targets: ProbeTarget[] = [];
  for (const endpoint of profile.endpoints) {
    if (endpoint.type === "NestedEndpoints" || notProbedReason(endpoint) !== undefined) continue;
    const host = probeHost(endpoint);
    if (host === undefined) continue;
    const all = mergeHeaders(monitor.customHeaders, endpoint.customHeaders);
    const customHost = all.find((h) => h.name.toLowerCase() === "host");
    targets.push({
      endpoint: endpoint.name,
      protocol: monitor.protocol,
      host,
      port: monitor.port,
      path: monitor.protocol === "TCP" ? "/" : normalisePath(monitor.path),
      hostHeader: customHost?.value ?? formatHostForUrl(host),
      headers: all.filter((h) => h !== customHost),
      expectedStatusCodeRanges: [...monitor.expectedStatusCodeRanges],
      timeoutMs: monitor.timeoutInSeconds * 1000,
    });
  }
  return targets;
}

function normalisePath(path: string | undefined): string {
  if (path === undefined || path === "") return "/";
  return path.startsWith("/") ? path : `/${path}`;
}
