import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpEmailSender } from "../../../src/adapters/notify/email/smtp-email-sender.js";
import { AlertSendError } from "../../../src/app/ports/alert-sender.js";
import { anAlertMessage } from "../../support/builders/alert-builders.js";
import { startSmtpReceiver, type SmtpReceiver } from "../../support/smtp-receiver.js";

let smtp: SmtpReceiver;
const options = () => ({
  url: smtp.url,
  from: "tm-sentinel@contoso.com",
  to: ["ops@contoso.com", "oncall@contoso.com"],
  timeoutMs: 10_000,
  ca: smtp.ca,
});

beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.close();
});

async function failureOf(sender: SmtpEmailSender): Promise<AlertSendError> {
  const e = (await sender.send(anAlertMessage(), "k1").catch((x: unknown) => x)) as AlertSendError;
  expect(e).toBeInstanceOf(AlertSendError);
  expect(e.message).not.toContain(smtp.password);
  expect(e.message).not.toContain(encodeURIComponent(smtp.password));
  return e;
}

describe("SmtpEmailSender", () => {
  it("delivers over STARTTLS to every recipient with text and HTML bodies", async () => {
    smtp.answer("accept");
    await new SmtpEmailSender(options()).send(anAlertMessage(), "profile|2026-03-01T10:00:00.000Z~email");
    const mail = smtp.messages.at(-1)!;
    expect(mail.subject).toBe("[tm-sentinel] CRITICAL contoso-prod: primary not serving");
    expect(
      (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t!.value.map((v) => v.address)),
    ).toEqual(["ops@contoso.com", "oncall@contoso.com"]);
    expect(mail.text).toContain("PRIMARY_NOT_SERVING");
    expect(mail.html).toContain("PRIMARY_NOT_SERVING");
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@tm-sentinel>$/);
  });

  it("uses the same Message-ID for the same idempotency key", async () => {
    smtp.answer("accept");
    const sender = new SmtpEmailSender(options());
    await sender.send(anAlertMessage(), "same-key");
    await sender.send(anAlertMessage(), "same-key");
    expect(smtp.messages.at(-1)!.messageId).toBe(smtp.messages.at(-2)!.messageId);
  });

  it("reports a 4xx reply as transient", async () => {
    smtp.answer({ code: 451, message: "Try again later" });
    expect(await failureOf(new SmtpEmailSender(options()))).toMatchObject({
      failure: "transient",
      status: 451,
    });
  });

  it("reports a 5xx reply as a configuration error", async () => {
    smtp.answer({ code: 550, message: "Relay denied" });
    expect(await failureOf(new SmtpEmailSender(options()))).toMatchObject({ failure: "config", status: 550 });
  });

  it("reports a wrong password as a configuration error without the password", async () => {
    smtp.answer("accept");
    const url = smtp.url.replace(encodeURIComponent(smtp.password), "wrong-Secret-99");
    const e = await failureOf(new SmtpEmailSender({ ...options(), url }));
    expect(e.failure).toBe("config");
    expect(e.message).not.toContain("wrong-Secret-99");
  });

  it("reports a relay that is down as transient", async () => {
    await smtp.stop();
    try {
      expect(await failureOf(new SmtpEmailSender(options()))).toMatchObject({ failure: "transient" });
    } finally {
      await smtp.start();
    }
  });

  it("gives up within one send timeout over connect, greeting and send, against a relay that stalls every step", async () => {
    // Each step answers after 60% of the timeout: no per-phase timer fires, but the whole send
    // would take several timeouts without the one deadline.
    smtp.stall(600);
    try {
      const e = await failureOf(new SmtpEmailSender({ ...options(), timeoutMs: 1000 }));
      expect(e).toMatchObject({ failure: "transient" });
      expect(e.message).toContain("not sent within the send timeout (1000 ms)");
    } finally {
      smtp.stall(0);
    }
  });

  it("reports a relay certificate we do not trust as a configuration error, not a temporary one", async () => {
    const { ca: _trusted, ...untrusting } = options();
    const e = await failureOf(new SmtpEmailSender(untrusting));
    expect(e).toMatchObject({ failure: "config" });
    expect(e.message).toContain("TLS certificate was refused");
  });
});
