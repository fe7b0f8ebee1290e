import { TrafficManagerManagementClient } from "@azure/arm-trafficmanager";
import type { TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArmServer, type ArmServer } from "./arm-server.js";
import { buildRawProfile, DEFAULT_SUBSCRIPTION } from "./builders/arm-raw-profile.js";

const credentialFor = (token: string): TokenCredential => ({
  getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

describe("startArmServer", () => {
  let arm: ArmServer;
  const client = (token = "good") =>
    new TrafficManagerManagementClient(credentialFor(token), DEFAULT_SUBSCRIPTION, {
      endpoint: arm.url,
      credentialScopes: ["https://management.azure.com/.default"],
      tlsOptions: { ca: arm.ca },
      retryOptions: { maxRetries: 0 },
    });

  beforeAll(async () => {
    arm = await startArmServer({ acceptsToken: (t) => t === "good" });
    arm.put(buildRawProfile());
  });
  afterAll(() => arm.close());

  it("patches an endpoint through the SDK and serves the change on the next read", async () => {
    await client().endpoints.update("rg-web", "tm-web", "ExternalEndpoints", "web-westus", {
      endpointStatus: "Disabled",
    });

    const endpoint = await client().endpoints.get("rg-web", "tm-web", "ExternalEndpoints", "web-westus");
    expect(endpoint.endpointStatus).toBe("Disabled");
  });

  it("patches a profile's monitor settings key by key and its TTL through the SDK", async () => {
    await client().profiles.update("rg-web", "tm-web", {
      monitorConfig: { path: "/ready" },
      dnsConfig: { ttl: 15 },
    });

    const profile = await client().profiles.get("rg-web", "tm-web");
    expect(profile.monitorConfig).toMatchObject({ path: "/ready", protocol: "HTTPS", port: 443 });
    expect(profile.dnsConfig).toMatchObject({ ttl: 15, relativeName: "tm-web" });
  });

  it("refuses a PATCH that would give two endpoints one priority with 400 BadRequest, changing nothing", async () => {
    const before = await client().endpoints.get("rg-web", "tm-web", "ExternalEndpoints", "web-westus");

    await expect(
      client().endpoints.update("rg-web", "tm-web", "ExternalEndpoints", "web-westus", {
        priority: 1,
        endpointStatus: "Enabled",
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: "BadRequest" });

    const after = await client().endpoints.get("rg-web", "tm-web", "ExternalEndpoints", "web-westus");
    expect(after).toEqual(before);
  });

  it("refuses a priority outside 1–1000 with 400 BadRequest", async () => {
    await expect(
      client().endpoints.update("rg-web", "tm-web", "ExternalEndpoints", "web-eastus", { priority: 1001 }),
    ).rejects.toMatchObject({ statusCode: 400, code: "BadRequest" });
  });

  it("answers 401 in the ARM error envelope to a token it did not issue", async () => {
    await expect(client("stolen").profiles.get("rg-web", "tm-web")).rejects.toMatchObject({
      statusCode: 401,
      code: "InvalidAuthenticationToken",
    });
  });

  it("answers 404 ResourceNotFound for an unknown profile", async () => {
    await expect(client().profiles.get("rg-web", "nope")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });
  });
});
