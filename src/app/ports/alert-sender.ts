import type { AlertMessage } from "../../core/alerts/alert-message.js";
import type { AlertChannel } from "../../core/alerts/incident.js";

export type { AlertChannel };

/**
 * Why a send failed. `transient` (network error, timeout, 408, 429, 5xx, SMTP 4xx) is retried by
 * the outbox; `config` (any other 4xx, SMTP 5xx, bad credentials) is not, and is reported as a
 * configuration error.
 */
export type AlertSendFailure = "transient" | "config";

/**
 * Thrown by every AlertSender. The message is safe to log: it names the channel and the status,
 * never the webhook URL (which carries a signature) or a credential.
 */
export class AlertSendError extends Error {
  override readonly name = "AlertSendError";
  constructor(
    readonly channel: AlertChannel,
    readonly failure: AlertSendFailure,
    message: string,
    /** HTTP status or SMTP reply code, when one arrived. */
    readonly status?: number,
    /** From a Retry-After header: the receiver asked us to wait this long. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Sends one rendered-on-demand alert message on one channel. */
export interface AlertSender {
  readonly channel: AlertChannel;
  /**
   * Delivers the message once. `idempotencyKey` is stable across retries of the same message
   * (used as ACS operation id and as the e-mail Message-ID).
   * @throws AlertSendError on any failure.
   */
  send(message: AlertMessage, idempotencyKey: string): Promise<void>;
  close?(): Promise<void>;
}
