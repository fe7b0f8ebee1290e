import type { Finding } from "./finding.js";
import type { EndpointMonitorStatus, EndpointType, ProfileMonitorStatus } from "./profile.js";
import type { ProbeResult } from "./probe-result.js";
import type { ApplyResult, Plan } from "./reconcile/plan.js";

/**
 * Which statuses decided the serving endpoint: Traffic Manager's own `endpointMonitorStatus`,
 * our probe verdicts, or both (an endpoint counts as healthy only when both agree it is).
 */
export type ServingBasis = "traffic-manager" | "probes" | "both";

/** Our verdict for an endpoint after applying tolerated failures across cycles. */
export interface ProbeVerdict {
  /** Online: last probe passed. Failing: failed, still within toleratedNumberOfFailures. Degraded: beyond it. */
  status: "Online" | "Failing" | "Degraded";
  consecutiveFailures: number;
  last: ProbeResult;
}

export interface ReportEndpoint {
  name: string;
  type: EndpointType;
  target?: string;
  priority: number | null;
  enabled: boolean;
  alwaysServe: boolean;
  /** Traffic Manager's endpointMonitorStatus as ARM reported it (nested without one: derived from the child profile). */
  tmStatus: EndpointMonitorStatus | null;
  /** Nested endpoints: the status computed from the child profile, present only when it differs from tmStatus. */
  derivedTmStatus?: EndpointMonitorStatus;
  probe?: ProbeVerdict;
  /** Why the endpoint was not probed, e.g. "not probed (disabled)": Traffic Manager does not probe it either. */
  notProbed?: string;
}

/** The report JSON (README: What is checked); extra keys may be added, none renamed. */
export interface Report {
  /** Profile key `{sub}/{rg}/{name}`. */
  profile: string;
  profileId: string;
  fqdn?: string;
  generatedAt: string;
  routingMethod: string;
  profileStatus: string;
  /** As Traffic Manager reports it, when known. */
  profileMonitorStatus?: ProfileMonitorStatus;
  /** As we derive it from endpoint statuses (docs/audit-rules.md). */
  derivedMonitorStatus: ProfileMonitorStatus;
  servingEndpoint: string | null;
  servingBasis: ServingBasis;
  /** Live failover order (endpoint names, primary first). */
  liveOrder: string[];
  /** Desired failover order, when a desired state exists. */
  desiredOrder?: string[];
  endpoints: ReportEndpoint[];
  findings: Finding[];
  /** What the profile's DNS name really answered this cycle (docs/dns-truth.md). */
  dnsAnswer?: DnsAnswer;
  /** (toleratedNumberOfFailures + 1) × interval + timeout + TTL, when monitor and TTL are known. */
  failoverBoundSeconds?: number;
  /** Auto-reconcile (desired `reconcile: plan|apply`): the plan made after this audit. */
  plan?: Plan;
  /** Auto-reconcile `apply`: what the timer changed, when it applied the plan. */
  applied?: ApplyResult[];
  /** Silences and maintenance windows in force for the profile at audit time (docs/silences.md). */
  silences?: ReportSilence[];
}

/** What the profile's DNS name really answered, matched to an endpoint (report field `dnsAnswer`). */
export interface DnsAnswer {
  /** CNAME targets the answer went through, in order. */
  names: string[];
  /** A/AAAA addresses at the end of the answer. */
  addresses: string[];
  /** The endpoint the answer names; null when it names none of them (or the lookup failed). */
  endpoint: string | null;
  resolvedAt: string;
  /** Why the lookup failed, when it did (then no finding is raised). */
  error?: string;
}

/** A silence or window in force for a report's profile: what the report lists as silenced. */
export interface ReportSilence {
  /** Silence id, or `maintenance`. */
  id: string;
  endsAt: string;
  comment: string;
  createdBy?: string;
  /** Findings of this report it silenced. */
  findings: number;
}
