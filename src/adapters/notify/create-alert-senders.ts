import type { TokenCredential } from "@azure/core-auth";
import { Agent, type Dispatcher } from "undici";
import type { AlertChannel, AlertSender } from "../../app/ports/alert-sender.js";
import type { Severity } from "../../core/finding.js";
import type { AppConfig } from "../../config/load-config.js";
import { createAzureCredential } from "../identity/azure-credential.js";
import { ConsoleSender } from "./console/console-sender.js";
import type { LineWriter } from "./console/console-logger.js";
import { AcsEmailSender } from "./email/acs-email-sender.js";
import { SmtpEmailSender } from "./email/smtp-email-sender.js";
import { TeamsSender } from "./teams/teams-sender.js";

export interface SenderDeps {
  /** Where the console channel writes (the composition root passes stdout). */
  write: LineWriter;
  /** Extra trusted CA for Teams, ACS and SMTP (tests: self-signed local receivers). */
  ca?: string;
  /** ACS credential: the process's shared one (composition root); one of its own when absent. */
  credential?: TokenCredential;
  /** ACS status polling interval (tests make it short). */
  acsPollIntervalMs?: number;
}

export interface ConfiguredSender {
  sender: AlertSender;
  minSeverity: Severity;
}

/**
 * One entry per channel, `undefined` when not configured. The Record type makes a new channel
 * fail to compile until it is wired here.
 */
export function createAlertSenders(
  config: AppConfig,
  deps: SenderDeps,
): Record<AlertChannel, ConfiguredSender | undefined> {
  const { teams, email, console: consoleChannel, sendTimeoutMs } = config.alerts;
  const dispatcher: Dispatcher | undefined =
    deps.ca !== undefined ? new Agent({ connect: { ca: deps.ca } }) : undefined;

  let emailSender: AlertSender | undefined;
  if (email?.transport.kind === "acs")
    emailSender = new AcsEmailSender({
      endpoint: email.transport.endpoint,
      credential: deps.credential ?? createAzureCredential(email.transport.clientId),
      from: email.from,
      to: email.to,
      timeoutMs: sendTimeoutMs,
      ...(deps.acsPollIntervalMs !== undefined && { pollIntervalMs: deps.acsPollIntervalMs }),
      ...(deps.ca !== undefined && { ca: deps.ca }),
    });
  else if (email?.transport.kind === "smtp")
    emailSender = new SmtpEmailSender({
      url: email.transport.url,
      from: email.from,
      to: email.to,
      timeoutMs: sendTimeoutMs,
      ...(deps.ca !== undefined && { ca: deps.ca }),
    });

  return {
    teams: teams && {
      sender: new TeamsSender({
        webhookUrl: teams.webhookUrl,
        timeoutMs: sendTimeoutMs,
        ...(dispatcher && { dispatcher }),
      }),
      minSeverity: teams.minSeverity,
    },
    email: emailSender && email && { sender: emailSender, minSeverity: email.minSeverity },
    console: consoleChannel.enabled
      ? { sender: new ConsoleSender(deps.write), minSeverity: consoleChannel.minSeverity }
      : undefined,
  };
}
