import { ManagedIdentityCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIdentityEndpoint, type IdentityEndpoint } from "./identity-endpoint.js";

describe("startIdentityEndpoint", () => {
  let idp: IdentityEndpoint;
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

  beforeAll(async () => {
    idp = await startIdentityEndpoint();
    process.env.IDENTITY_ENDPOINT = idp.endpoint;
    process.env.IDENTITY_HEADER = idp.header;
  });

  afterAll(async () => {
    restore("IDENTITY_ENDPOINT", saved.endpoint);
    restore("IDENTITY_HEADER", saved.header);
    await idp.close();
  });

  it("issues the token that the real managed-identity credential returns", async () => {
    const token = await new ManagedIdentityCredential().getToken("https://management.azure.com/.default");

    expect(idp.issued.at(-1)).toEqual({ resource: "https://management.azure.com", token: token.token });
  });

  it("rejects a request with the wrong identity header", async () => {
    const res = await fetch(`${idp.endpoint}?api-version=2019-08-01&resource=x`, {
      headers: { "X-IDENTITY-HEADER": "wrong" },
    });

    expect(res.status).toBe(401);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
