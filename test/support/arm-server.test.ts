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
