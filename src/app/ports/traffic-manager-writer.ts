import type { CustomHeader, EndpointType, MonitorProtocol, StatusCodeRange } from "../../core/profile.js";

/** Which endpoint to change: ARM addresses it by its type segment and name. */
export interface EndpointRef {
  type: EndpointType;
  /** The ARM endpoint name (may contain spaces; the adapter encodes it). */
  name: string;
}

/** Endpoint properties a write may change; absent keys are left as they are. */
export interface EndpointPatch {
  /** 1–1000 and unique within the profile: ARM rejects a value another endpoint holds. */
  priority?: number;
  endpointStatus?: "Enabled" | "Disabled";
  weight?: number;
  alwaysServe?: "Enabled" | "Disabled";
  customHeaders?: CustomHeader[];
}

/** Monitor settings as ARM's monitorConfig takes them (the read-only profileMonitorStatus excluded). */
export interface MonitorConfigPatch {
  protocol?: MonitorProtocol;
  port?: number;
  path?: string;
  intervalInSeconds?: number;
  timeoutInSeconds?: number;
  toleratedNumberOfFailures?: number;
  customHeaders?: CustomHeader[];
  expectedStatusCodeRanges?: StatusCodeRange[];
}

/** Profile properties a write may change; absent keys are left as they are. */
export interface ProfilePatch {
  /**
   * Merged into the live monitorConfig by ARM. Lists (headers, status ranges) replace the live
   * list whole. Switching to TCP: also send `path: ""` so no HTTP-only key is left behind.
   */
  monitorConfig?: MonitorConfigPatch;
  /** DNS TTL in seconds (dnsConfig.ttl). */
  ttl?: number;
  profileStatus?: "Enabled" | "Disabled";
}

/**
 * Writes to Traffic Manager (apply, drills). One call is one ARM PATCH; the SDK pipeline retries
 * 429/503 honouring Retry-After up to the configured bound, and 5xx/network errors with back-off.
 * Every method resolves once ARM accepted the change.
 * @throws AppError FORBIDDEN when TM_ENABLE_WRITE_FEATURES is off (nothing is sent);
 *   VALIDATION for a malformed profile key; NOT_FOUND when the profile or endpoint does not exist;
 *   CONFLICT when ARM answers 409 (another change is in progress);
 *   UNPROCESSABLE when ARM rejects the values (400, e.g. a priority another endpoint holds);
 *   CONFIG when the app's identity may not write (401/403: grant Traffic Manager Contributor)
 *   or no ARM access is configured; UPSTREAM on throttling beyond the retries, 5xx or timeouts.
 */
export interface TrafficManagerWriter {
  /** @param profileKey `{subscriptionId}/{resourceGroup}/{profileName}` (any case) */
  updateEndpoint(profileKey: string, endpoint: EndpointRef, patch: EndpointPatch): Promise<void>;
  /** @param profileKey `{subscriptionId}/{resourceGroup}/{profileName}` (any case) */
  updateProfile(profileKey: string, patch: ProfilePatch): Promise<void>;
}
