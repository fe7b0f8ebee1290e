import type { ProbeResult } from "../../../src/core/probe-result.js";
import type { ProbeTarget } from "../../../src/core/probe-target.js";
import type { Endpoint, LiveProfile, MonitorConfig } from "../../../src/core/profile.js";
import type { ProbeVerdict } from "../../../src/core/report.js";

/** Overrides where `undefined` removes an optional field (exactOptionalPropertyTypes forbids storing it). */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

function merge<T extends object>(base: T, overrides: Overrides<T>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

export function buildMonitor(overrides: Overrides<MonitorConfig> = {}): MonitorConfig {
  return merge(
    {
      protocol: "HTTP",
      port: 80,
      path: "/health",
      intervalInSeconds: 30,
      timeoutInSeconds: 10,
      toleratedNumberOfFailures: 3,
      customHeaders: [],
      expectedStatusCodeRanges: [],
    },
    overrides,
  );
}

export function buildEndpoint(overrides: Overrides<Endpoint> = {}): Endpoint {
  return merge(
    {
      name: "web-eastus",
      type: "ExternalEndpoints",
      target: "web-eastus.example.com",
      enabled: true,
      monitorStatus: "Online",
      priority: 1,
      alwaysServe: false,
      customHeaders: [],
    },
    overrides,
  );
}

/** A Priority profile with monitor settings and the given endpoints (one by default). */
export function buildLiveProfile(
  overrides: Partial<Omit<LiveProfile, "monitor">> & { monitor?: Overrides<MonitorConfig> | undefined } = {},
): LiveProfile {
  const { monitor, ...rest } = overrides;
  return {
    id: "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/trafficManagerProfiles/tm1",
    key: { subscriptionId: "sub1", resourceGroup: "rg1", profileName: "tm1" },
    name: "tm1",
    profileStatus: "Enabled",
    routingMethod: "Priority",
    dns: { relativeName: "tm1", fqdn: "tm1.trafficmanager.net", ttl: 60 },
    endpoints: [buildEndpoint()],
    tags: {},
    ...rest,
    ...("monitor" in overrides && monitor === undefined ? {} : { monitor: buildMonitor(monitor) }),
  };
}

export function buildProbeTarget(overrides: Overrides<ProbeTarget> = {}): ProbeTarget {
  return merge(
    {
      endpoint: "web-eastus",
      protocol: "HTTP",
      host: "127.0.0.1",
      port: 80,
      path: "/",
      hostHeader: "127.0.0.1",
      headers: [],
      expectedStatusCodeRanges: [],
      timeoutMs: 2000,
    },
    overrides,
  );
}

export function buildProbeResult(overrides: Overrides<ProbeResult> = {}): ProbeResult {
  return merge(
    {
      endpoint: "web-eastus",
      protocol: "HTTP",
      url: "http://web-eastus.example.com:80/health",
      kind: "up",
      healthy: true,
      status: 200,
      latencyMs: 12,
      at: "2026-01-01T00:00:00.000Z",
    },
    overrides,
  );
}

/** A failed probe result (503 by default). */
export function buildFailedProbe(overrides: Overrides<ProbeResult> = {}): ProbeResult {
  return buildProbeResult({
    kind: "http-status",
    healthy: false,
    status: 503,
    detail: "unexpected status 503",
    ...overrides,
  });
}

export function buildVerdict(overrides: Overrides<ProbeVerdict> = {}): ProbeVerdict {
  return merge({ status: "Online", consecutiveFailures: 0, last: buildProbeResult() }, overrides);
}
