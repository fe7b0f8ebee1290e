import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { endpointTypeFrom } from "../../src/core/normalize-endpoint.js";
import {
  normalizeProfile,
  normalizeProfiles,
  PLACEHOLDER_SUBSCRIPTION,
  ProfileFormatError,
} from "../../src/core/normalize-profile.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/arm-examples");
const readFixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));

function rawProfile(properties: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/trafficManagerProfiles/contoso",
    name: "contoso",
    type: "Microsoft.Network/trafficManagerProfiles",
    location: "global",
    tags: { env: "prod" },
    properties: {
      profileStatus: "Enabled",
      trafficRoutingMethod: "Priority",
      dnsConfig: { relativeName: "contoso", fqdn: "contoso.trafficmanager.net", ttl: 60 },
      monitorConfig: {
        protocol: "HTTPS",
        port: 443,
        path: "/health",
        intervalInSeconds: 30,
        timeoutInSeconds: 10,
        toleratedNumberOfFailures: 3,
      },
      endpoints: [
        {
          name: "web-eastus",
          type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
          properties: {
            target: "eastus.contoso.com",
            endpointStatus: "Enabled",
            endpointMonitorStatus: "Online",
            priority: 1,
          },
        },
      ],
      ...properties,
    },
  };
}

function expectFormatError(run: () => unknown, path: string): void {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileFormatError);
    expect((e as ProfileFormatError).path).toBe(path);
    return;
  }
  throw new Error("expected a ProfileFormatError");
}

describe("normalizeProfiles on the shared ARM examples", () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

  it("finds all five example files", () => {
    expect(files).toHaveLength(5);
  });

  it.each(files)("parses %s into at least one profile with endpoints", (file) => {
    const profiles = normalizeProfiles(readFixture(file));
    expect(profiles.length).toBeGreaterThan(0);
    for (const p of profiles) expect(p.endpoints.length).toBeGreaterThan(0);
  });

  it("reads both profiles of a resource-group list body", () => {
    const names = normalizeProfiles(readFixture("Profile-GET-ByResourceGroup.json")).map((p) => p.name);
    expect(names).toEqual([
      "azuresdkfornetautoresttrafficmanager1005",
      "azuresdkfornetautoresttrafficmanager959",
    ]);
  });

  it("reads a Priority profile with nested endpoints from the 201 response", () => {
    const profile = normalizeProfile(readFixture("Profile-PUT-WithNestedEndpoints.json"));
    expect(profile.routingMethod).toBe("Priority");
    expect(profile.endpoints.map((e) => [e.type, e.minChildEndpoints])).toEqual([
      ["NestedEndpoints", 2],
      ["NestedEndpoints", 2],
    ]);
  });

  it("reads the per-family minimum child endpoints of nested endpoints", () => {
    const profile = normalizeProfile(readFixture("Profile-PUT-WithNestedEndpoints.json"));
    expect(profile.endpoints.map((e) => [e.minChildEndpointsIPv4, e.minChildEndpointsIPv6])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it("wraps a lone endpoint document into a profile keyed by the endpoint's ID", () => {
    const profile = normalizeProfile(readFixture("Endpoint-PATCH-External-Target.json"));
    expect(profile.key.profileName).toBe("azsmnet6386");
    expect(profile.routingMethod).toBe("Unknown");
    expect(profile.endpoints[0]?.target).toBe("another.foobar.contoso.com");
  });

  it("keeps endpoint names that contain spaces", () => {
    const profile = normalizeProfile(readFixture("Profile-GET-WithEndpoints.json"));
    expect(profile.endpoints[0]?.name).toBe("My external endpoint");
  });
});

describe("normalizeProfile", () => {
  it("reads raw ARM JSON with fields under properties", () => {
    const p = normalizeProfile(rawProfile());
    expect(p).toMatchObject({
      key: { subscriptionId: "sub1", resourceGroup: "rg1", profileName: "contoso" },
      routingMethod: "Priority",
      dns: { fqdn: "contoso.trafficmanager.net", ttl: 60 },
      monitor: {
        protocol: "HTTPS",
        port: 443,
        path: "/health",
        expectedStatusCodeRanges: [],
        customHeaders: [],
      },
      tags: { env: "prod" },
    });
    expect(p.endpoints[0]).toMatchObject({
      name: "web-eastus",
      type: "ExternalEndpoints",
      enabled: true,
      monitorStatus: "Online",
      priority: 1,
      alwaysServe: false,
    });
  });

  it("reads the SDK's flattened Profile the same way as raw ARM JSON", () => {
    const raw = rawProfile();
    const props = raw["properties"] as Record<string, unknown>;
    const endpoints = (props["endpoints"] as Record<string, unknown>[]).map(({ properties, ...rest }) => ({
      ...rest,
      ...(properties as object),
    }));
    const flat = {
      id: raw["id"],
      name: raw["name"],
      type: raw["type"],
      tags: raw["tags"],
      location: "global",
      ...props,
      endpoints,
    };
    expect(normalizeProfile(flat)).toEqual(normalizeProfile(raw));
  });

  it("maps endpoint types case-insensitively", () => {
    const p = normalizeProfile(
      rawProfile({
        endpoints: [
          { name: "a", type: "Microsoft.network/TrafficManagerProfiles/ExternalEndpoints", properties: {} },
          { name: "b", type: "microsoft.network/trafficmanagerprofiles/AZUREENDPOINTS", properties: {} },
          { name: "c", type: "NestedEndpoints", properties: {} },
        ],
      }),
    );
    expect(p.endpoints.map((e) => e.type)).toEqual([
      "ExternalEndpoints",
      "AzureEndpoints",
      "NestedEndpoints",
    ]);
  });

  it("reads alwaysServe, disabled status and custom headers of an endpoint", () => {
    const p = normalizeProfile(
      rawProfile({
        endpoints: [
          {
            name: "a",
            type: "externalEndpoints",
            properties: {
              endpointStatus: "Disabled",
              alwaysServe: "Enabled",
              customHeaders: [{ name: "Host", value: "x.contoso.com" }],
            },
          },
        ],
      }),
    );
    expect(p.endpoints[0]).toMatchObject({
      enabled: false,
      alwaysServe: true,
      customHeaders: [{ name: "Host", value: "x.contoso.com" }],
    });
  });

  it("treats null fields as absent, as ARM sends them", () => {
    const p = normalizeProfile(rawProfile({ trafficViewEnrollmentStatus: null, maxReturn: null }));
    expect(p.routingMethod).toBe("Priority");
  });

  it("synthesises an ID under the placeholder subscription when the document has none", () => {
    const { id: _id, ...withoutId } = rawProfile();
    const p = normalizeProfile(withoutId);
    expect(p.key).toEqual({
      subscriptionId: PLACEHOLDER_SUBSCRIPTION,
      resourceGroup: "local",
      profileName: "contoso",
    });
    expect(p.id).toContain("/trafficManagerProfiles/contoso");
  });

  it("applies Traffic Manager's monitor defaults for missing fields", () => {
    const p = normalizeProfile(rawProfile({ monitorConfig: { protocol: "http", intervalInSeconds: 10 } }));
    expect(p.monitor).toMatchObject({
      protocol: "HTTP",
      port: 80,
      timeoutInSeconds: 9,
      toleratedNumberOfFailures: 3,
    });
  });

  it("parses profiles of any routing method", () => {
    for (const method of ["Performance", "Weighted", "Geographic", "MultiValue", "Subnet"]) {
      expect(normalizeProfile(rawProfile({ trafficRoutingMethod: method })).routingMethod).toBe(method);
    }
  });

  it("reports a wrong-typed priority with its JSON path", () => {
    const doc = rawProfile({
      endpoints: [{ name: "a", type: "externalEndpoints", properties: { priority: "1" } }],
    });
    expectFormatError(() => normalizeProfile(doc), "$.properties.endpoints[0].properties.priority");
  });

  it("reports an unknown endpoint type with its JSON path", () => {
    const doc = rawProfile({
      endpoints: [{ name: "a", type: "Microsoft.Network/trafficManagerProfiles/cdnEndpoints" }],
    });
    expectFormatError(() => normalizeProfile(doc), "$.properties.endpoints[0].type");
  });

  it("reports a path inside the envelope for an error in an example file", () => {
    const doc = { responses: { "200": { body: rawProfile({ endpoints: "none" }) } } };
    expectFormatError(() => normalizeProfile(doc), '$.responses["200"].body.properties.endpoints');
  });

  it("rejects a document that is not a profile", () => {
    expectFormatError(() => normalizeProfile({ hello: "world" }), "$");
  });

  it("rejects an ID that is not a Traffic Manager profile", () => {
    expectFormatError(
      () => normalizeProfile({ ...rawProfile(), id: "/subscriptions/x/resourceGroups/y" }),
      "$.id",
    );
  });

  it("rejects a list where one profile is expected", () => {
    expectFormatError(() => normalizeProfile([rawProfile()]), "$");
  });
});

describe("normalizeProfiles", () => {
  it("accepts a plain array of profiles", () => {
    expect(normalizeProfiles([rawProfile(), rawProfile()])).toHaveLength(2);
  });

  it("accepts a list body { value: [...] }", () => {
    expect(normalizeProfiles({ value: [rawProfile()] })).toHaveLength(1);
  });

  it("names the index of the bad profile in a list", () => {
    expectFormatError(() => normalizeProfiles({ value: [rawProfile(), 42] }), "$.value[1]");
  });
});

describe("endpointTypeFrom with user-supplied text (issue 10)", () => {
  it("does not take an Object.prototype member for an endpoint type", () => {
    expect(endpointTypeFrom("Microsoft.Network/trafficManagerProfiles/constructor")).toBeUndefined();
    expect(endpointTypeFrom("externalEndpoints")).toBe("ExternalEndpoints");
  });
});
