import type { AlertSender } from "../../../app/ports/alert-sender.js";
import type { AlertMessage } from "../../../core/alerts/alert-message.js";
import { renderEmail } from "../../../core/alerts/render-email.js";
import type { LineWriter } from "./console-logger.js";

/** The console/log channel: the e-mail's plain text, for local runs and the function's log. */
export class ConsoleSender implements AlertSender {
  readonly channel = "console" as const;

  constructor(private readonly write: LineWriter) {}

  send(message: AlertMessage): Promise<void> {
    const { subject, text } = renderEmail(message);
    const body = text.split("\n").slice(1).join("\n");
    this.write(`${subject}\n${body}`);
    return Promise.resolve();
  }
}
