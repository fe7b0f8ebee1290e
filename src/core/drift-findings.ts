import type { DesiredMonitor, DesiredState } from "./desired-state.js";
import { compareFailoverOrder } from "./failover-order.js";
import type { Finding } from "./finding.js";
import type { CustomHeader, LiveProfile, MonitorConfig, StatusCodeRange } from "./profile.js";

/**
 * Drift between the live profile and its desired state: relative failover order,
 * missing and unexpected endpoints, enabled/disabled, monitor keys that the desired state gives,
 * and TTL. Severities are explained in the README (Finding codes) and docs/audit-rules.md.
 */
export function driftFindings(profile: LiveProfile, desired: DesiredState): Finding[] {
  const findings: Finding[] = [];
  const liveByName = new Map(profile.endpoints.map((e) => [e.name.toLowerCase(), e]));
  const desiredNames = new Set(desired.endpoints.map((e) => e.name.toLowerCase()));

  if (profile.routingMethod === "Priority") {
    const order = compareFailoverOrder(
      desired.endpoints.map((e) => e.name),
      profile.endpoints,
    );
    if (order.drift) {
      const primaryDiffers = order.firstMismatch === 0;
      findings.push({
        code: "ORDER_DRIFT",
        severity: primaryDiffers ? "critical" : "warning",
        message: primaryDiffers
          ? `The live primary is "${order.actual[0]}" but the desired primary is "${order.expected[0]}"; fix the endpoint priorities (or adopt the live order if it is intended).`
          : `The standby order differs from the desired order at position ${(order.firstMismatch ?? 0) + 1}; fix the endpoint priorities (or adopt the live order if it is intended).`,
        expected: order.expected,
        actual: order.actual,
      });
    }
  }

  for (const want of desired.endpoints) {
    const live = liveByName.get(want.name.toLowerCase());
    if (!live) {
      findings.push({
        code: "ENDPOINT_MISSING",
        // A missing endpoint that should serve removes a failover target; one meant to be disabled does not.
        severity: want.enabled ? "critical" : "warning",
        endpoint: want.name,
        message: `Desired endpoint "${want.name}" does not exist in the profile; recreate it or remove it from the desired state.`,
        expected: { name: want.name, enabled: want.enabled },
        actual: null,
      });
    } else if (live.enabled !== want.enabled) {
      findings.push({
        code: "ENDPOINT_STATUS_DRIFT",
        severity: "warning",
        endpoint: live.name,
        message: `Endpoint "${live.name}" is ${live.enabled ? "enabled" : "disabled"} but should be ${want.enabled ? "enabled" : "disabled"}; change its status or the desired state.`,
        expected: want.enabled ? "Enabled" : "Disabled",
        actual: live.enabled ? "Enabled" : "Disabled",
      });
    }
  }
  for (const live of profile.endpoints) {
    if (desiredNames.has(live.name.toLowerCase())) continue;
    findings.push({
      code: "ENDPOINT_UNEXPECTED",
      severity: "warning",
      endpoint: live.name,
      message: `Endpoint "${live.name}" is not in the desired state but can receive traffic at priority ${live.priority ?? "(array order)"}; remove it or add it to the desired state.`,
      actual: { name: live.name, priority: live.priority ?? null, enabled: live.enabled },
    });
  }

  if (desired.monitor) findings.push(...monitorFindings(desired.monitor, profile.monitor));
  if (desired.ttl !== undefined && desired.ttl !== profile.dns.ttl) {
    findings.push({
      code: "TTL_DRIFT",
      severity: "warning",
      message: `DNS TTL is ${profile.dns.ttl ?? "unknown"} s but should be ${desired.ttl} s; clients keep a failed endpoint for up to the TTL, so set it back.`,
      expected: desired.ttl,
      actual: profile.dns.ttl ?? null,
    });
  }
  return findings;
}

type MonitorKey = keyof DesiredMonitor;

/** One MONITOR_CONFIG_DRIFT per desired key whose live value differs. */
function monitorFindings(desired: DesiredMonitor, live: MonitorConfig | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const key of Object.keys(desired) as MonitorKey[]) {
    const want = desired[key];
    if (want === undefined) continue;
    const have = live?.[key];
    if (sameValue(key, want, have)) continue;
    findings.push({
      code: "MONITOR_CONFIG_DRIFT",
      severity: "warning",
      message: onlyHeaderValuesDiffer(key, want, have)
        ? `A monitor custom header value differs from the desired one (${describe(key, want)}); update the profile's monitoring settings.`
        : `Monitor setting ${key} is ${describe(key, have)} but should be ${describe(key, want)}; update the profile's monitoring settings.`,
      expected: shown(key, want),
      actual: have === undefined ? null : shown(key, have),
    });
  }
  return findings;
}

function sameValue(key: MonitorKey, want: unknown, have: unknown): boolean {
  if (have === undefined) return false;
  if (key === "protocol" && typeof want === "string" && typeof have === "string") {
    return want.toUpperCase() === have.toUpperCase();
  }
  if (key === "expectedStatusCodeRanges") {
    return canonicalRanges(want as StatusCodeRange[]) === canonicalRanges(have as StatusCodeRange[]);
  }
  if (key === "customHeaders") {
    return canonicalHeaders(want as CustomHeader[], true) === canonicalHeaders(have as CustomHeader[], true);
  }
  return want === have;
}

function onlyHeaderValuesDiffer(key: MonitorKey, want: unknown, have: unknown): boolean {
  if (key !== "customHeaders" || have === undefined) return false;
  return canonicalHeaders(want as CustomHeader[], false) === canonicalHeaders(have as CustomHeader[], false);
}

/** An empty list means "200 only" to Traffic Manager, so it equals [{200,200}]. */
function canonicalRanges(ranges: readonly StatusCodeRange[]): string {
  const list = ranges.length === 0 ? [{ min: 200, max: 200 }] : ranges;
  return list
    .map((r) => `${r.min}-${r.max}`)
    .sort()
    .join(",");
}

function canonicalHeaders(headers: readonly CustomHeader[], withValues: boolean): string {
  return headers
    .map((h) => (withValues ? `${h.name.toLowerCase()}:${h.value}` : h.name.toLowerCase()))
    .sort()
    .join("\n");
}

/** Header values can carry secrets: findings show header names only. */
function shown(key: MonitorKey, value: unknown): unknown {
  if (key !== "customHeaders") return value;
  return (value as CustomHeader[]).map((h) => h.name);
}

function describe(key: MonitorKey, value: unknown): string {
  if (value === undefined) return "not set";
  if (key === "customHeaders") {
    const names = (value as CustomHeader[]).map((h) => h.name);
    return names.length === 0 ? "no headers" : `headers [${names.join(", ")}] (values not shown)`;
  }
  if (key === "expectedStatusCodeRanges") {
    const ranges = value as StatusCodeRange[];
    return ranges.length === 0 ? "200 only" : ranges.map((r) => `${r.min}-${r.max}`).join(", ");
  }
  return JSON.stringify(value);
}
