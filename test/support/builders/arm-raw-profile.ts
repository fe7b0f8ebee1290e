/**
 * Raw ARM JSON (api-version 2022-04-01, `properties` nested) for the local ARM server and fixtures.
 * Shapes follow Profile-GET-WithEndpoints.json; every field can be overridden.
 */
export interface RawArmEndpoint {
  id: string;
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface RawArmProfile {
  id: string;
  name: string;
  type: string;
  location: string;
  tags: Record<string, string>;
  properties: Record<string, unknown> & { endpoints: RawArmEndpoint[] };
}

export interface RawProfileOptions {
  subscriptionId?: string;
  resourceGroup?: string;
  name?: string;
  routingMethod?: string;
  tags?: Record<string, string>;
  profileStatus?: string;
  /** Endpoint overrides; defaults to two external endpoints, priorities 1 and 2, both Online. */
  endpoints?: RawEndpointOptions[];
}

export interface RawEndpointOptions {
  name: string;
  type?: "externalEndpoints" | "azureEndpoints" | "nestedEndpoints";
  target?: string;
  targetResourceId?: string;
  priority?: number;
  endpointStatus?: "Enabled" | "Disabled";
  endpointMonitorStatus?: string;
  minChildEndpoints?: number;
}

export const DEFAULT_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";

export function rawProfileId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${name}`;
}

export function buildRawProfile(overrides: RawProfileOptions = {}): RawArmProfile {
  const subscriptionId = overrides.subscriptionId ?? DEFAULT_SUBSCRIPTION;
  const resourceGroup = overrides.resourceGroup ?? "rg-web";
  const name = overrides.name ?? "tm-web";
  const id = rawProfileId(subscriptionId, resourceGroup, name);
  const endpoints = overrides.endpoints ?? [
    { name: "web-eastus", target: "eastus.example.test", priority: 1 },
    { name: "web-westus", target: "westus.example.test", priority: 2 },
  ];
  return {
    id,
    name,
    type: "Microsoft.Network/trafficManagerProfiles",
    location: "global",
    tags: overrides.tags ?? {},
    properties: {
      profileStatus: overrides.profileStatus ?? "Enabled",
      trafficRoutingMethod: overrides.routingMethod ?? "Priority",
      dnsConfig: { relativeName: name, fqdn: `${name}.trafficmanager.net`, ttl: 60 },
      monitorConfig: {
        profileMonitorStatus: "Online",
        protocol: "HTTPS",
        port: 443,
        path: "/health",
        intervalInSeconds: 30,
        timeoutInSeconds: 10,
        toleratedNumberOfFailures: 3,
        customHeaders: [],
        expectedStatusCodeRanges: [{ min: 200, max: 299 }],
      },
      endpoints: endpoints.map((e) => buildRawEndpoint(id, e)),
      trafficViewEnrollmentStatus: "Disabled",
    },
  };
}

export function buildRawEndpoint(profileId: string, e: RawEndpointOptions): RawArmEndpoint {
  const type = e.type ?? "externalEndpoints";
  const properties: Record<string, unknown> = {
    endpointStatus: e.endpointStatus ?? "Enabled",
    endpointMonitorStatus: e.endpointMonitorStatus ?? "Online",
    priority: e.priority ?? 1,
    weight: 1,
    alwaysServe: "Disabled",
    customHeaders: [],
  };
  if (e.target !== undefined) properties["target"] = e.target;
  if (e.targetResourceId !== undefined) properties["targetResourceId"] = e.targetResourceId;
  if (e.minChildEndpoints !== undefined) properties["minChildEndpoints"] = e.minChildEndpoints;
  return {
    id: `${profileId}/${type}/${e.name}`,
    name: e.name,
    type: `Microsoft.Network/trafficManagerProfiles/${type}`,
    properties,
  };
}
