import type { Endpoint, LiveProfile, MonitorConfig } from "../../../src/core/profile.js";
import type { ProbeResult } from "../../../src/core/probe-result.js";
import type { ProbeVerdict } from "../../../src/core/report.js";

/** An Online external endpoint; override anything. */
export function anEndpoint(overrides: Partial<Endpoint> = {}): Endpoint {
  const name = overrides.name ?? "web-eastus";
  return {
    name,
    type: "ExternalEndpoints",
    target: `${name}.contoso.com`,
    enabled: true,
    monitorStatus: "Online",
    alwaysServe: false,
    customHeaders: [],
    ...overrides,
  };
}

export function aMonitor(overrides: Partial<MonitorConfig> = {}): MonitorConfig {
  return {
    protocol: "HTTPS",
    port: 443,
    path: "/health",
    intervalInSeconds: 30,
    timeoutInSeconds: 10,
    toleratedNumberOfFailures: 3,
    customHeaders: [],
    expectedStatusCodeRanges: [],
    ...overrides,
  };
}

/** Endpoints named in failover order with priorities 1..n, all Online. */
export function endpointsInOrder(...names: string[]): Endpoint[] {
  return names.map((name, i) => anEndpoint({ name, priority: i + 1 }));
}

/** A Priority profile `sub1/rg1/{name}` with three Online endpoints, primary first. */
export function aProfile(overrides: Partial<LiveProfile> = {}): LiveProfile {
  const name = overrides.name ?? "contoso";
  return {
    id: `/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/trafficManagerProfiles/${name}`,
    key: { subscriptionId: "sub1", resourceGroup: "rg1", profileName: name },
    name,
    profileStatus: "Enabled",
    routingMethod: "Priority",
    dns: { relativeName: name, fqdn: `${name}.trafficmanager.net`, ttl: 60 },
    monitor: aMonitor(),
    endpoints: endpointsInOrder("web-eastus", "web-westus", "web-northeu"),
    tags: {},
    ...overrides,
  };
}

export function aProbeResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const healthy = overrides.healthy ?? true;
  return {
    endpoint: "web-eastus",
    protocol: "HTTPS",
    url: "https://web-eastus.contoso.com:443/health",
    kind: healthy ? "up" : "http-status",
    healthy,
    status: healthy ? 200 : 503,
    latencyMs: 12,
    at: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
}

export function aVerdict(status: ProbeVerdict["status"], endpoint = "web-eastus"): ProbeVerdict {
  return {
    status,
    consecutiveFailures: status === "Online" ? 0 : status === "Failing" ? 1 : 4,
    last: aProbeResult({ endpoint, healthy: status === "Online" }),
  };
}

/** The related map a live source hands out: every profile by lower-case ARM ID. */
export function relatedOf(...profiles: LiveProfile[]): Map<string, LiveProfile> {
  return new Map(profiles.map((p) => [p.id.toLowerCase(), p]));
}
