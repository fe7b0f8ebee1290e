import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAzureCredential } from "../../../src/adapters/identity/azure-credential.js";
import { ArmProfileSource } from "../../../src/adapters/arm/arm-profile-source.js";
import { startArmServer, type ArmServer } from "../../support/arm-server.js";
import { buildRawProfile } from "../../support/builders/arm-raw-profile.js";
import { startIdentityEndpoint, type IdentityEndpoint } from "../../support/identity-endpoint.js";

const SUB = "dddddddd-0000-0000-0000-00000000000d";
const CLIENT_ID = "99999999-8888-7777-6666-555555555555";

describe("ARM reads with a managed identity", () => {
  let idp: IdentityEndpoint;
  let arm: ArmServer;
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

  beforeAll(async () => {
    idp = await startIdentityEndpoint();
    arm = await startArmServer({ acceptsToken: (t) => idp.issued.some((i) => i.token === t) });
    arm.put(buildRawProfile({ subscriptionId: SUB }));
    // @azure/identity reads these itself; this is the App Service managed-identity contract.
    process.env.IDENTITY_ENDPOINT = idp.endpoint;
    process.env.IDENTITY_HEADER = idp.header;
  });

  afterAll(async () => {
    restore("IDENTITY_ENDPOINT", saved.endpoint);
    restore("IDENTITY_HEADER", saved.header);
    await Promise.all([idp.close(), arm.close()]);
  });

  function read(clientId: string | undefined) {
    return new ArmProfileSource({
      credential: createAzureCredential(clientId),
      watch: [{ kind: "subscription", subscriptionId: SUB }],
      endpoint: arm.url,
      scope: "https://management.azure.com/.default",
      maxRetries: 0,
      timeoutMs: 5_000,
      clientOptions: { tlsOptions: { ca: arm.ca } },
    }).readWatched();
  }

  it("presents to ARM the token the identity endpoint issued for the management audience", async () => {
    arm.requests.length = 0;

    const snapshot = await read(undefined);

    expect(snapshot.profiles).toHaveLength(1);
    const last = idp.issued.at(-1);
    expect(last?.resource).toBe("https://management.azure.com");
    expect(arm.requests.map((r) => r.token)).toEqual([last?.token]);
  });

  it("asks for the user-assigned identity named by AZURE_CLIENT_ID", async () => {
    const snapshot = await read(CLIENT_ID);

    expect(snapshot.failures).toEqual([]);
    expect(idp.issued.at(-1)?.clientId).toBe(CLIENT_ID);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
