import { request, type Dispatcher } from "undici";
import { AlertSendError, type AlertSender } from "../../../app/ports/alert-sender.js";
import { tlsCertificateErrorCode } from "../tls-error.js";
import type { AlertMessage } from "../../../core/alerts/alert-message.js";
import { renderTeamsPayload } from "../../../core/alerts/render-teams-card.js";
import { isTransientStatus, parseRetryAfter, redact } from "../retry-after.js";

export interface TeamsSenderOptions {
  /** Workflows webhook URL. A secret (it carries `sig=`): never logged, never in an error. */
  webhookUrl: string;
  timeoutMs: number;
  /** undici dispatcher (tests pass one trusting a self-signed CA); the global one otherwise. */
  dispatcher?: Dispatcher;
}

/** Network-level failure, described by its code only (undici messages may name the host). */
function networkError(e: unknown, timedOut: boolean): AlertSendError {
  if (timedOut) return new AlertSendError("teams", "transient", "teams: no answer within the send timeout");
  const tls = tlsCertificateErrorCode(e);
  if (tls !== undefined)
    return new AlertSendError(
      "teams",
      "config",
      `teams: the webhook's TLS certificate was refused (${tls}); check ALERT_TEAMS_WEBHOOK_URL and the trusted CAs`,
    );
  const code =
    (e as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  const what = typeof code === "string" ? code : e instanceof Error ? e.name : "unknown error";
  return new AlertSendError("teams", "transient", `teams: network error (${what})`);
}

/**
 * Posts Adaptive Cards to a Teams Workflows webhook ("When a Teams webhook request is
 * received"). Any 2xx is success (Workflows answers 202: the flow runs asynchronously).
 */
export class TeamsSender implements AlertSender {
  readonly channel = "teams" as const;

  constructor(private readonly options: TeamsSenderOptions) {}

  async send(message: AlertMessage): Promise<void> {
    const body = JSON.stringify(renderTeamsPayload(message));
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.options.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal,
        ...(this.options.dispatcher && { dispatcher: this.options.dispatcher }),
      });
    } catch (e: unknown) {
      throw networkError(e, signal.aborted);
    }
    const status = response.statusCode;
    let text = "";
    try {
      text = await response.body.text();
    } catch {
      // The status is what matters; an unreadable body adds nothing.
    }
    if (status >= 200 && status < 300) return;
    const detail = text.trim() === "" ? "" : `: ${redact(text)}`;
    if (isTransientStatus(status)) {
      const retryAfterMs = parseRetryAfter(response.headers["retry-after"], Date.now());
      throw new AlertSendError(
        "teams",
        "transient",
        `teams: HTTP ${String(status)}${detail}`,
        status,
        retryAfterMs,
      );
    }
    throw new AlertSendError(
      "teams",
      "config",
      `teams: HTTP ${String(status)}: the webhook rejected the message; check ALERT_TEAMS_WEBHOOK_URL and that the workflow is on${detail}`,
      status,
    );
  }
}
