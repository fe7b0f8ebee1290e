import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { AlertSendError, type AlertSender } from "../../../app/ports/alert-sender.js";
import type { AlertMessage } from "../../../core/alerts/alert-message.js";
import { renderEmail } from "../../../core/alerts/render-email.js";
import { redact } from "../retry-after.js";
import { tlsCertificateErrorCode } from "../tls-error.js";

export interface SmtpEmailSenderOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS). A secret. */
  url: string;
  from: string;
  to: readonly string[];
  timeoutMs: number;
  /** Extra trusted CA (tests: the local SMTP server's self-signed certificate). */
  ca?: string;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * SMTP reply codes follow SMTP semantics: 4xx is temporary (retry), 5xx is permanent (wrong
 * recipient, relay denied, authentication failed: a configuration problem). No reply at all is a
 * network problem, retried.
 */
function toSendError(e: unknown): AlertSendError {
  const f = (e ?? {}) as SmtpFailure;
  const status = typeof f.responseCode === "number" ? f.responseCode : undefined;
  // nodemailer's messages can quote the server's greeting or our command, never the password;
  // keep only the server's reply text, redacted, to be safe.
  const reply = f.response !== undefined ? `: ${redact(f.response)}` : "";
  const code = f.code ?? "error";
  const tls = tlsCertificateErrorCode(e);
  if (tls !== undefined)
    return new AlertSendError(
      "email",
      "config",
      `email (SMTP): the relay's TLS certificate was refused (${tls}); check SMTP_URL's host and the trusted CAs`,
    );
  if (code === "EAUTH")
    return new AlertSendError(
      "email",
      "config",
      `email (SMTP): authentication failed${reply}; check SMTP_URL's user and password`,
      status,
    );
  if (status !== undefined && status >= 500)
    return new AlertSendError(
      "email",
      "config",
      `email (SMTP): rejected with ${String(status)}${reply}; check ALERT_EMAIL_FROM/ALERT_EMAIL_TO and the relay's rules`,
      status,
    );
  if (status !== undefined && status >= 400)
    return new AlertSendError(
      "email",
      "transient",
      `email (SMTP): temporarily rejected with ${String(status)}${reply}`,
      status,
    );
  const why = e instanceof Error ? `: ${redact(e.message)}` : "";
  return new AlertSendError("email", "transient", `email (SMTP): ${code}${why}`);
}

/** Sends through an SMTP relay with nodemailer (Office 365, SendGrid, ACS SMTP relay, …). */
export class SmtpEmailSender implements AlertSender {
  readonly channel = "email" as const;
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpEmailSenderOptions) {
    const url = new URL(options.url);
    const secure = url.protocol === "smtps:";
    this.transport = nodemailer.createTransport({
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port !== "" ? Number(url.port) : secure ? 465 : 587,
      secure,
      ...(url.username !== "" && {
        auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      }),
      // STARTTLS is required unless the URL opts out with ?requireTLS=false (a relay on loopback).
      requireTLS: !secure && url.searchParams.get("requireTLS") !== "false",
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      logger: false,
      debug: false,
      ...(options.ca !== undefined && { tls: { ca: options.ca } }),
    });
  }

  async send(message: AlertMessage, idempotencyKey: string): Promise<void> {
    const mail = renderEmail(message);
    const digest = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
    // nodemailer's timeouts apply per phase (connect, greeting, each reply), so together they
    // can exceed the setting several times over; this one deadline bounds the whole send.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AlertSendError(
              "email",
              "transient",
              `email (SMTP): not sent within the send timeout (${String(this.options.timeoutMs)} ms)`,
            ),
          ),
        this.options.timeoutMs,
      );
    });
    const sending = this.transport.sendMail({
      from: this.options.from,
      to: [...this.options.to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // Stable across retries, so a receiving system can drop a duplicate.
      messageId: `<${digest}@tm-sentinel>`,
    });
    // A send that finishes after the deadline must not become an unhandled rejection.
    sending.catch(() => undefined);
    try {
      await Promise.race([sending, deadline]);
    } catch (e: unknown) {
      throw e instanceof AlertSendError ? e : toSendError(e);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
