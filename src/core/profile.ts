/**
 * Domain types of a live Traffic Manager profile, normalised from any shape ARM or the SDK gives.
 * Enum-like strings stay open (`string & {}`) because ARM marks them modelAsString: a new value
 * must be reported, not crash the audit.
 */

export type EndpointType = "AzureEndpoints" | "ExternalEndpoints" | "NestedEndpoints";

/** Endpoint-level status (singular `CheckingEndpoint`, as ARM spells it). */
export type EndpointMonitorStatus =
  | "CheckingEndpoint"
  | "Online"
  | "Degraded"
  | "Disabled"
  | "Inactive"
  | "Stopped"
  | "Unmonitored"
  | (string & {});

/** Profile-level status (plural `CheckingEndpoints`, as ARM spells it). */
export type ProfileMonitorStatus =
  "CheckingEndpoints" | "Online" | "Degraded" | "Disabled" | "Inactive" | (string & {});

export type MonitorProtocol = "HTTP" | "HTTPS" | "TCP";

export interface StatusCodeRange {
  min: number;
  max: number;
}

export interface CustomHeader {
  name: string;
  value: string;
}

export interface MonitorConfig {
  protocol: MonitorProtocol;
  port: number;
  /** Present for HTTP/HTTPS only. */
  path?: string;
  intervalInSeconds: number;
  timeoutInSeconds: number;
  toleratedNumberOfFailures: number;
  customHeaders: CustomHeader[];
  /** Empty means Traffic Manager's default: 200 only. */
  expectedStatusCodeRanges: StatusCodeRange[];
  /** As Traffic Manager reports it; absent in exported or desired documents. */
  profileMonitorStatus?: ProfileMonitorStatus;
}

export interface Endpoint {
  /** ARM resource ID, when known. */
  id?: string;
  /** The ARM endpoint name: the identity used by desired state. May contain spaces. */
  name: string;
  type: EndpointType;
  /** FQDN or IP that Traffic Manager hands out (and that we probe). */
  target?: string;
  /** For Azure and nested endpoints: the ARM ID of the target resource (child profile for nested). */
  targetResourceId?: string;
  enabled: boolean;
  /** As Traffic Manager reports it; undefined in documents that carry no status. */
  monitorStatus?: EndpointMonitorStatus;
  /** 1–1000, lower is preferred. Undefined when ARM omitted it (then array order is the order). */
  priority?: number;
  weight?: number;
  alwaysServe: boolean;
  /** Nested endpoints only; Traffic Manager's default is 1. */
  minChildEndpoints?: number;
  /** Nested endpoints only: Online IPv4 / IPv6 child endpoints required (MultiValue children). */
  minChildEndpointsIPv4?: number;
  minChildEndpointsIPv6?: number;
  customHeaders: CustomHeader[];
  endpointLocation?: string;
}

export interface ProfileKey {
  subscriptionId: string;
  resourceGroup: string;
  profileName: string;
}

export interface LiveProfile {
  /** ARM resource ID (may be synthesised for exported files without one). */
  id: string;
  key: ProfileKey;
  name: string;
  profileStatus: "Enabled" | "Disabled" | (string & {});
  routingMethod: string;
  dns: { relativeName?: string; fqdn?: string; ttl?: number };
  monitor?: MonitorConfig;
  endpoints: Endpoint[];
  tags: Record<string, string>;
}
