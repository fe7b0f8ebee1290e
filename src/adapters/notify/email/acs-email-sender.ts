import { createHash } from "node:crypto";
import { EmailClient, type EmailMessage } from "@azure/communication-email";
import { isRestError } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/core-auth";
import { AlertSendError, type AlertSender } from "../../../app/ports/alert-sender.js";
import { describeError } from "../../../app/errors.js";
import type { AlertMessage } from "../../../core/alerts/alert-message.js";
import { renderEmail } from "../../../core/alerts/render-email.js";
import { isTransientStatus, parseRetryAfter, redact } from "../retry-after.js";
import { tlsCertificateErrorCode } from "../tls-error.js";

export interface AcsEmailSenderOptions {
  /** `https://<resource>.communication.azure.com` */
  endpoint: string;
  credential: TokenCredential;
  from: string;
  to: readonly string[];
  timeoutMs: number;
  /** Status polling interval; the service suggests a few seconds. */
  pollIntervalMs?: number;
  /** Extra trusted CA (tests: the stand-in's self-signed certificate). */
  ca?: string;
}

/** ACS takes an Operation-Id (a GUID) to de-duplicate sends: derive it from the idempotency key. */
export function operationIdFor(idempotencyKey: string): string {
  const h = createHash("sha256").update(idempotencyKey).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function toSendError(e: unknown, timedOut: boolean): AlertSendError {
  if (e instanceof AlertSendError) return e;
  if (timedOut)
    return new AlertSendError("email", "transient", "email (ACS): no result within the send timeout");
  if (isRestError(e) && e.statusCode !== undefined) {
    const status = e.statusCode;
    const detail = redact(e.message);
    if (isTransientStatus(status)) {
      const retryAfterMs = parseRetryAfter(e.response?.headers.get("retry-after"), Date.now());
      return new AlertSendError(
        "email",
        "transient",
        `email (ACS): HTTP ${String(status)}: ${detail}`,
        status,
        retryAfterMs,
      );
    }
    return new AlertSendError(
      "email",
      "config",
      `email (ACS): HTTP ${String(status)}: ${detail}; check ACS_EMAIL_ENDPOINT, ALERT_EMAIL_FROM (a verified sender) and the identity's role on the resource`,
      status,
    );
  }
  const tls = tlsCertificateErrorCode(e);
  if (tls !== undefined)
    return new AlertSendError(
      "email",
      "config",
      `email (ACS): the endpoint's TLS certificate was refused (${tls}); check ACS_EMAIL_ENDPOINT and the trusted CAs`,
    );
  const name = e instanceof Error ? e.name : "";
  if (name === "CredentialUnavailableError")
    return new AlertSendError(
      "email",
      "config",
      `email (ACS): no managed identity available: ${redact(describeError(e))}`,
    );
  return new AlertSendError(
    "email",
    "transient",
    `email (ACS): ${name || "error"}: ${redact(describeError(e))}`,
  );
}

/**
 * Sends through Azure Communication Services Email with the app's managed identity: no secret.
 * The SDK's own retries are off; the outbox retries across cycles instead.
 */
export class AcsEmailSender implements AlertSender {
  readonly channel = "email" as const;
  private readonly client: EmailClient;

  constructor(private readonly options: AcsEmailSenderOptions) {
    this.client = new EmailClient(options.endpoint, options.credential, {
      retryOptions: { maxRetries: 0 },
      ...(options.ca !== undefined && { tlsOptions: { ca: options.ca } }),
    });
  }

  async send(message: AlertMessage, idempotencyKey: string): Promise<void> {
    const mail = renderEmail(message);
    const email: EmailMessage = {
      senderAddress: this.options.from,
      content: { subject: mail.subject, plainText: mail.text, html: mail.html },
      recipients: { to: this.options.to.map((address) => ({ address })) },
    };
    const abortSignal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const poller = await this.client.beginSend(email, {
        operationId: operationIdFor(idempotencyKey),
        updateIntervalInMs: this.options.pollIntervalMs ?? 2000,
        abortSignal,
      });
      const result = await poller.pollUntilDone({ abortSignal });
      if (result.status !== "Succeeded")
        throw new AlertSendError(
          "email",
          "config",
          `email (ACS): send ended ${result.status}: ${redact(result.error?.message ?? "no reason given")}`,
        );
    } catch (e: unknown) {
      throw toSendError(e, abortSignal.aborted);
    }
  }
}
