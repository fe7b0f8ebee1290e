import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, runAlertTest } from "../../src/cli/alert-test-command.js";
import { UsageError, type CliIo } from "../../src/cli/io.js";
import { loadConfig } from "../../src/config/load-config.js";
import { cardProblems } from "../support/adaptive-card-validator.js";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver.js";
import { startTeamsReceiver, type TeamsReceiver } from "../support/teams-receiver.js";

let teams: TeamsReceiver;
let smtp: SmtpReceiver;
beforeAll(async () => {
  [teams, smtp] = await Promise.all([startTeamsReceiver(), startSmtpReceiver()]);
});
afterAll(async () => {
  await Promise.all([teams.close(), smtp.close()]);
});

function capture(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (t) => out_.push(t), err: (t) => err_.push(t) };
}

const env = () => ({
  ALERT_TEAMS_WEBHOOK_URL: teams.url,
  SMTP_URL: smtp.url,
  ALERT_EMAIL_FROM: "tm@contoso.com",
  ALERT_EMAIL_TO: "ops@contoso.com",
  ALERT_SEND_TIMEOUT_SECONDS: "2",
});

describe("tm-sentinel alert test", () => {
  it("sends a test message through every configured channel and exits 0", async () => {
    const io = capture();
    const code = await runAlertTest(loadConfig(env()), io, { ca: `${teams.ca}\n${smtp.ca}` });
    expect(code).toBe(0);
    expect(io.out_).toEqual([
      "teams    ok: test message accepted",
      "email    ok: test message accepted",
      "console  ok: test message accepted",
    ]);
    expect(
      cardProblems(
        (teams.delivered.at(-1) as { attachments: { content: unknown }[] }).attachments[0]!.content,
      ),
    ).toEqual([]);
    expect(smtp.messages.at(-1)!.subject).toBe(
      "[tm-sentinel] TEST INFO test-profile: test message, no action needed",
    );
  });

  it("says which channel failed and why, and exits 1", async () => {
    teams.answer({ status: 400 });
    const io = capture();
    const code = await runAlertTest(loadConfig(env()), io, { ca: `${teams.ca}\n${smtp.ca}` });
    teams.answer({ status: 202 });
    expect(code).toBe(1);
    expect(io.out_[0]).toMatch(/^teams {4}FAILED configuration error: teams: HTTP 400/);
    expect(io.out_[1]).toBe("email    ok: test message accepted");
    expect(io.out_.join("\n")).not.toContain("S3cr3tSignatureValue42");
  });

  it("lists channels that are not configured", async () => {
    const io = capture();
    expect(await run(["test"], io, { ALERT_CONSOLE: "false" })).toBe(0);
    expect(io.out_[0]).toBe("teams    not configured (set ALERT_TEAMS_WEBHOOK_URL)");
  });

  it("rejects anything but the test subcommand", async () => {
    await expect(run(["send"], capture(), {})).rejects.toBeInstanceOf(UsageError);
  });
});
