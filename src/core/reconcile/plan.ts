import type { EndpointType } from "../profile.js";

/** Which write a change needs: an endpoint PATCH or the profile PATCH. */
export type ChangeTarget = "endpoint" | "profile";

/**
 * One change of a plan. Endpoint fields: `priority`, `endpointStatus`. Profile fields: `ttl`,
 * `monitorConfig.<key>`. Custom header values never appear (names only); apply takes them from
 * the desired state.
 */
export interface PlanChange {
  target: ChangeTarget;
  /** Endpoint name, or the profile key for profile changes. */
  name: string;
  field: string;
  from: unknown;
  to: unknown;
  reason: string;
  /** Endpoint changes: the ARM path segment needed to address it. */
  endpointType?: EndpointType;
}

/** The guard rails (docs/reconcile.md); `--force` lifts the forceable ones. */
export type GuardRail =
  | "unhealthy-primary" // the plan would make an unhealthy endpoint primary or serving
  | "no-healthy-standby" // the plan disables the serving endpoint and no healthy endpoint remains
  | "no-enabled-endpoint" // the plan would leave no endpoint enabled
  | "not-priority"; // the profile does not use Priority routing

export interface GuardRailBlock {
  rule: GuardRail;
  /** The endpoint concerned, when there is one. */
  endpoint?: string;
  message: string;
  /** True when `--force` (HTTP `force: true`) lifts it. */
  forceable: boolean;
}

export interface Plan {
  /** Profile key `{sub}/{rg}/{name}`. */
  profile: string;
  /** SHA-256 of the plan's inputs (live profile, desired state, probe verdicts, force), hex. */
  hash: string;
  /** In apply order: enables, priority moves, disables, then profile settings. */
  changes: PlanChange[];
  /** Guard rails that stop this plan; empty when it may be applied. */
  blocked: GuardRailBlock[];
  /** Guard rails `force` lifted (still reported). */
  overridden: GuardRailBlock[];
  force: boolean;
  /** Differences apply does not touch (missing or unexpected endpoints). */
  notes: string[];
}
