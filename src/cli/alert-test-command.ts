import { describeError } from "../app/errors.js";
import { AlertSendError } from "../app/ports/alert-sender.js";
import { buildTestMessage } from "../core/alerts/alert-message.js";
import { ALERT_CHANNELS, type AlertChannel } from "../core/alerts/incident.js";
import { loadConfig, type AppConfig, type Environment } from "../config/load-config.js";
import { createAlertSenders, type SenderDeps } from "../adapters/notify/create-alert-senders.js";
import { buildCredential } from "../composition-root.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

const HOW_TO_ENABLE: Record<AlertChannel, string> = {
  teams: "set ALERT_TEAMS_WEBHOOK_URL",
  email: "set ACS_EMAIL_ENDPOINT or SMTP_URL, ALERT_EMAIL_FROM and ALERT_EMAIL_TO",
  console: "set ALERT_CONSOLE=true",
};

const USAGE = "usage: tm-sentinel alert test   (sends a test message through every configured channel)";

/**
 * Sends one test message through every configured channel, directly (not through the outbox), and
 * says per channel what happened. Exit 1 when any configured channel failed.
 */
export async function runAlertTest(
  config: AppConfig,
  io: CliIo,
  deps: Omit<SenderDeps, "write"> = {},
  now: Date = new Date(),
): Promise<number> {
  const senders = createAlertSenders(config, {
    credential: buildCredential(config),
    ...deps,
    write: (line) => io.err(line),
  });
  const message = buildTestMessage(now);
  let failed = 0;
  for (const channel of ALERT_CHANNELS) {
    const configured = senders[channel];
    if (!configured) {
      io.out(`${channel.padEnd(8)} not configured (${HOW_TO_ENABLE[channel]})`);
      continue;
    }
    try {
      await configured.sender.send(message, `alert-test|${now.toISOString()}|${channel}`);
      io.out(`${channel.padEnd(8)} ok: test message accepted`);
    } catch (e: unknown) {
      failed += 1;
      const why =
        e instanceof AlertSendError
          ? `${e.failure === "config" ? "configuration error" : "temporary failure"}: ${e.message}`
          : describeError(e);
      io.out(`${channel.padEnd(8)} FAILED ${why}`);
    } finally {
      await configured.sender.close?.();
    }
  }
  return failed > 0 ? EXIT.USAGE : EXIT.OK;
}

export async function run(args: string[], io: CliIo, env: Environment = process.env): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.out(USAGE);
    return EXIT.OK;
  }
  if (args.length !== 1 || args[0] !== "test") throw new UsageError(USAGE);
  return runAlertTest(loadConfig(env), io);
}
