import type { DesiredState } from "../desired-state.js";
import type { EndpointMonitorStatus, LiveProfile } from "../profile.js";
import type { ProbeVerdict } from "../report.js";
import { sha256Hex } from "./sha256.js";

/** JSON with object keys sorted, so equal inputs always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface PlanHashInput {
  profile: LiveProfile;
  /** Traffic Manager's status per endpoint as it applies to routing (nested: from the child). */
  tmStatus: (name: string) => EndpointMonitorStatus | undefined;
  desired: DesiredState;
  verdicts?: ReadonlyMap<string, ProbeVerdict> | undefined;
  force: boolean;
}

/**
 * The hash of everything a plan depends on: the live settings it may change, the endpoint
 * statuses and probe verdicts the guard rails read (status only, so a new latency does not
 * invalidate a plan), the desired document and `force`. A plan applied later must hash alike.
 */
export function planHash(input: PlanHashInput): string {
  const { profile } = input;
  const { profileMonitorStatus: _status, ...monitor } = profile.monitor ?? {
    profileMonitorStatus: undefined,
  };
  void _status;
  const live = {
    id: profile.id.toLowerCase(),
    profileStatus: profile.profileStatus,
    routingMethod: profile.routingMethod,
    ttl: profile.dns.ttl,
    monitor: profile.monitor ? monitor : undefined,
    endpoints: [...profile.endpoints]
      .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
      .map((e) => ({
        name: e.name.toLowerCase(),
        type: e.type,
        priority: e.priority,
        enabled: e.enabled,
        alwaysServe: e.alwaysServe,
        tmStatus: input.tmStatus(e.name),
      })),
  };
  const verdicts = Object.fromEntries(
    [...(input.verdicts ?? new Map<string, ProbeVerdict>())].map(([name, v]) => [
      name.toLowerCase(),
      v.status,
    ]),
  );
  return sha256Hex(canonicalJson({ v: 1, live, desired: input.desired, verdicts, force: input.force }));
}
