import type { DesiredMonitor, DesiredState } from "../desired-state.js";
import type { CustomHeader, LiveProfile, StatusCodeRange } from "../profile.js";
import type { PlanChange } from "./plan.js";

type MonitorKey = keyof DesiredMonitor;

/** An empty list means "200 only" to Traffic Manager. */
function canonicalRanges(ranges: readonly StatusCodeRange[]): string {
  const list = ranges.length === 0 ? [{ min: 200, max: 200 }] : ranges;
  return list
    .map((r) => `${r.min}-${r.max}`)
    .sort()
    .join(",");
}

function canonicalHeaders(headers: readonly CustomHeader[]): string {
  return headers
    .map((h) => `${h.name.toLowerCase()}:${h.value}`)
    .sort()
    .join("\n");
}

/** Same comparison as the drift check (drift-findings.ts), so an applied plan clears the findings. */
export function sameMonitorValue(key: MonitorKey, want: unknown, have: unknown): boolean {
  if (have === undefined) return false;
  if (key === "protocol" && typeof want === "string" && typeof have === "string")
    return want.toUpperCase() === have.toUpperCase();
  if (key === "expectedStatusCodeRanges")
    return canonicalRanges(want as StatusCodeRange[]) === canonicalRanges(have as StatusCodeRange[]);
  if (key === "customHeaders")
    return canonicalHeaders(want as CustomHeader[]) === canonicalHeaders(have as CustomHeader[]);
  return want === have;
}

/** Header values can be secrets: plans show names only. */
function shown(key: MonitorKey, value: unknown): unknown {
  if (value === undefined) return null;
  return key === "customHeaders" ? (value as CustomHeader[]).map((h) => h.name) : value;
}

/** The monitor keys the desired state gives that differ live, in the desired document's key order. */
export function differingMonitorKeys(desired: DesiredState, live: LiveProfile): MonitorKey[] {
  const want = desired.monitor ?? {};
  return (Object.keys(want) as MonitorKey[]).filter(
    (key) => want[key] !== undefined && !sameMonitorValue(key, want[key], live.monitor?.[key]),
  );
}

/** Profile-level changes: one per differing monitor key, and the TTL. */
export function profileChanges(profileKey: string, live: LiveProfile, desired: DesiredState): PlanChange[] {
  const changes: PlanChange[] = differingMonitorKeys(desired, live).map((key) => ({
    target: "profile",
    name: profileKey,
    field: `monitorConfig.${key}`,
    from: shown(key, live.monitor?.[key]),
    to: shown(key, desired.monitor?.[key]),
    reason: `the desired monitor setting ${key} differs (MONITOR_CONFIG_DRIFT)`,
  }));
  if (desired.ttl !== undefined && desired.ttl !== live.dns.ttl)
    changes.push({
      target: "profile",
      name: profileKey,
      field: "ttl",
      from: live.dns.ttl ?? null,
      to: desired.ttl,
      reason: "the desired DNS TTL differs (TTL_DRIFT)",
    });
  return changes;
}
