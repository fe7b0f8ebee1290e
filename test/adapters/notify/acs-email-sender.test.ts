import { ManagedIdentityCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AcsEmailSender } from "../../../src/adapters/notify/email/acs-email-sender.js";
import { AlertSendError } from "../../../src/app/ports/alert-sender.js";
import { startAcsEmailServer, type AcsEmailServer } from "../../support/acs-email-server.js";
import { anAlertMessage } from "../../support/builders/alert-builders.js";
import { startIdentityEndpoint, type IdentityEndpoint } from "../../support/identity-endpoint.js";

let identity: IdentityEndpoint;
let acs: AcsEmailServer;
let sender: AcsEmailSender;

beforeAll(async () => {
  identity = await startIdentityEndpoint();
  // The real @azure/identity App Service managed-identity path reads these.
  process.env["IDENTITY_ENDPOINT"] = identity.endpoint;
  process.env["IDENTITY_HEADER"] = identity.header;
  acs = await startAcsEmailServer(identity.issued);
  sender = new AcsEmailSender({
    endpoint: acs.endpoint,
    credential: new ManagedIdentityCredential(),
    from: "DoNotReply@contoso.azurecomm.net",
    to: ["ops@contoso.com", "oncall@contoso.com"],
    timeoutMs: 5000,
    pollIntervalMs: 10,
    ca: acs.ca,
  });
});
afterAll(async () => {
  await acs.close();
  await identity.close();
});

describe("AcsEmailSender", () => {
  it("sends with a managed-identity token and waits for the operation to succeed", async () => {
    await sender.send(anAlertMessage(), "profile|t1~email");
    const mail = acs.sent.at(-1)!;
    expect(mail.body.content.subject).toBe("[tm-sentinel] CRITICAL contoso-prod: primary not serving");
    expect(mail.body.content.plainText).toContain("PRIMARY_NOT_SERVING");
    expect(mail.body.content.html).toContain("PRIMARY_NOT_SERVING");
    expect(mail.body.recipients.to.map((t) => t.address)).toEqual(["ops@contoso.com", "oncall@contoso.com"]);
    expect(identity.issued.map((t) => t.token)).toContain(mail.token);
    expect(acs.unauthorized).toBe(0);
  });

  it("uses the idempotency key as the operation id, so a retry is not sent twice", async () => {
    const before = acs.sent.length;
    await sender.send(anAlertMessage(), "profile|t2~email");
    await sender.send(anAlertMessage(), "profile|t2~email");
    expect(acs.sent.length).toBe(before + 1);
  });

  it("reports 429 as transient with Retry-After", async () => {
    acs.failNextSend(429, { "retry-after": "30" });
    const e = (await sender.send(anAlertMessage(), "t3").catch((x: unknown) => x)) as AlertSendError;
    expect(e).toBeInstanceOf(AlertSendError);
    expect(e).toMatchObject({ failure: "transient", status: 429, retryAfterMs: 30_000 });
  });

  it("reports 400 as a configuration error", async () => {
    acs.failNextSend(400);
    const e = (await sender.send(anAlertMessage(), "t4").catch((x: unknown) => x)) as AlertSendError;
    expect(e).toMatchObject({ failure: "config", status: 400 });
  });
});
