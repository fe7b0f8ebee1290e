import type { DesiredState } from "../desired-state.js";
import type { LiveProfile, MonitorConfig } from "../profile.js";
import type { PlanChange } from "./plan.js";

/**
 * The live profile after `changes` (in order), as Traffic Manager would show it: an endpoint just
 * enabled is CheckingEndpoint, one just disabled Disabled. Monitor values come from `desired`
 * (plans hide header values). Pure; used by the guard rails and the tests.
 */
export function projectChanges(
  live: LiveProfile,
  changes: readonly PlanChange[],
  desired: DesiredState,
): LiveProfile {
  const endpoints = live.endpoints.map((e) => ({ ...e }));
  let monitor: MonitorConfig | undefined = live.monitor ? { ...live.monitor } : undefined;
  let ttl = live.dns.ttl;
  for (const change of changes) {
    if (change.target === "endpoint") {
      const endpoint = endpoints.find((e) => e.name.toLowerCase() === change.name.toLowerCase());
      if (!endpoint) continue;
      if (change.field === "priority") endpoint.priority = change.to as number;
      if (change.field === "endpointStatus") {
        endpoint.enabled = change.to === "Enabled";
        endpoint.monitorStatus = endpoint.enabled ? "CheckingEndpoint" : "Disabled";
      }
    } else if (change.field === "ttl") {
      ttl = change.to as number;
    } else if (change.field.startsWith("monitorConfig.")) {
      const key = change.field.slice("monitorConfig.".length) as keyof NonNullable<DesiredState["monitor"]>;
      const value = desired.monitor?.[key];
      monitor = { ...(monitor ?? emptyMonitor()), [key]: value };
    }
  }
  const dns = { ...live.dns };
  if (ttl !== undefined) dns.ttl = ttl;
  const projected: LiveProfile = { ...live, endpoints, dns };
  if (monitor) projected.monitor = monitor;
  return projected;
}

function emptyMonitor(): MonitorConfig {
  return {
    protocol: "HTTP",
    port: 80,
    intervalInSeconds: 30,
    timeoutInSeconds: 10,
    toleratedNumberOfFailures: 3,
    customHeaders: [],
    expectedStatusCodeRanges: [],
  };
}
