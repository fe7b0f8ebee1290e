import type { CustomHeader, LiveProfile, MonitorProtocol, StatusCodeRange } from "./profile.js";

/** Everything the prober needs to probe one endpoint, resolved from the profile (reference §3). */
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

/**
 * Targets for every endpoint we can probe ourselves. Nested endpoints are left out (their health
 * comes from the child profile), as are endpoints without a target and profiles without monitor
 * settings.
 */
export function buildProbeTargets(profile: LiveProfile): ProbeTarget[] {
  void profile;
  throw new Error("buildProbeTargets: implemented in issue 3");
}
