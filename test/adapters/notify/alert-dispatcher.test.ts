import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAlertDispatcher } from "../../../src/adapters/notify/create-alert-dispatcher.js";
import { MemoryAlertOutbox } from "../../../src/adapters/memory/memory-alert-outbox.js";
import { MemoryAlertStateStore } from "../../../src/adapters/memory/memory-alert-state-store.js";
import type { AlertDispatcher } from "../../../src/app/ports/alert-dispatcher.js";
import { loadConfig } from "../../../src/config/load-config.js";
import type { Finding } from "../../../src/core/finding.js";
import { aFinding, aReport, ManualClock, MINUTE } from "../../support/builders/alert-builders.js";
import { startSmtpReceiver, type SmtpReceiver } from "../../support/smtp-receiver.js";
import { startTeamsReceiver, type TeamsReceiver } from "../../support/teams-receiver.js";

let teams: TeamsReceiver;
let smtp: SmtpReceiver;
/** Every log line and console-channel line of every test in this file (scanned for secrets). */
const allLines: string[] = [];

beforeAll(async () => {
  [teams, smtp] = await Promise.all([startTeamsReceiver(), startSmtpReceiver()]);
});
afterAll(async () => {
  await Promise.all([teams.close(), smtp.close()]);
});

interface Rig {
  dispatcher: AlertDispatcher;
  clock: ManualClock;
  outbox: MemoryAlertOutbox;
  lines: string[];
  /** One audit cycle: dispatch the reports, then move the clock five minutes on. */
  cycle(findings: Finding[] | Finding[][], names?: string[]): Promise<void>;
  teamsSince(): unknown[];
  mailSince(): string[];
  console(): string[];
}

function rig(env: Record<string, string> = {}): Rig {
  const config = loadConfig({
    ALERT_TEAMS_WEBHOOK_URL: teams.url,
    SMTP_URL: smtp.url,
    ALERT_EMAIL_FROM: "tm-sentinel@contoso.com",
    ALERT_EMAIL_TO: "ops@contoso.com",
    ALERT_SEND_TIMEOUT_SECONDS: "2",
    ...env,
  });
  const clock = new ManualClock();
  const outbox = new MemoryAlertOutbox();
  const lines: string[] = [];
  const write = (line: string) => {
    lines.push(line);
    allLines.push(line);
  };
  const dispatcher = createAlertDispatcher(config, {
    clock,
    write,
    ca: `${teams.ca}\n${smtp.ca}`,
    outbox,
    state: new MemoryAlertStateStore(outbox),
  });
  const teamsStart = teams.delivered.length;
  const mailStart = smtp.messages.length;
  return {
    dispatcher,
    clock,
    outbox,
    lines,
    async cycle(findings, names = ["contoso-prod"]) {
      const perProfile = Array.isArray(findings[0]) ? (findings as Finding[][]) : [findings as Finding[]];
      const generatedAt = clock.now().toISOString();
      await dispatcher.dispatch(
        names.map((name, i) => aReport({ name, generatedAt, findings: perProfile[i] ?? [] })),
      );
      clock.advance(5 * MINUTE);
    },
    teamsSince: () => teams.delivered.slice(teamsStart),
    mailSince: () => smtp.messages.slice(mailStart).map((m) => m.subject ?? ""),
    console: () => lines.filter((l) => l.startsWith("[tm-sentinel]")),
  };
}

const titleOf = (payload: unknown): string => {
  const card = (payload as { attachments: { content: { body: { items: { text: string }[] }[] } }[] })
    .attachments[0]!.content;
  return `${card.body[0]!.items[0]!.text} | ${card.body[0]!.items[1]!.text}`;
};

afterEach(() => {
  teams.answer({ status: 202 });
  smtp.answer("accept");
});

describe("alert dispatcher with real receivers", () => {
  it("sends exactly three notifications per channel for open, reminder and resolve", async () => {
    const r = rig();
    for (let i = 0; i <= 48; i += 1) await r.cycle([aFinding()]); // 0 … 4 h: opened, then a reminder at 4 h
    await r.cycle([]);
    await r.cycle([]);
    expect(r.teamsSince().map(titleOf)).toEqual([
      "CRITICAL · contoso-prod | primary not serving",
      "CRITICAL · contoso-prod | still open: primary not serving",
      "RESOLVED · contoso-prod | resolved: primary not serving",
    ]);
    expect(r.mailSince()).toEqual([
      "[tm-sentinel] CRITICAL contoso-prod: primary not serving",
      "[tm-sentinel] CRITICAL contoso-prod: still open: primary not serving",
      "[tm-sentinel] RESOLVED contoso-prod: resolved: primary not serving",
    ]);
    expect(r.console()).toHaveLength(3);
    expect(JSON.stringify(r.teamsSince()[2])).toContain("lasted 4h 5m");
  });

  it("groups a profile's findings into one message per channel and cycle", async () => {
    const r = rig();
    await r.cycle(
      [
        [
          aFinding(),
          aFinding({ code: "ORDER_DRIFT", endpoint: "web-westus" }),
          aFinding({ code: "NO_HEALTHY_STANDBY" }),
        ],
        [aFinding()],
      ],
      ["contoso-prod", "fabrikam-prod"],
    );
    expect(r.teamsSince()).toHaveLength(2);
    expect(r.mailSince().sort()).toEqual([
      "[tm-sentinel] CRITICAL contoso-prod: primary not serving (+2 more)",
      "[tm-sentinel] CRITICAL fabrikam-prod: primary not serving",
    ]);
  });

  it("tells each channel only what reaches its minimum severity", async () => {
    const r = rig();
    await r.cycle([aFinding({ code: "ORDER_DRIFT", severity: "warning" })]);
    expect(r.teamsSince()).toHaveLength(1);
    expect(r.mailSince()).toHaveLength(0);
  });

  it("delivers each message held while Teams was down exactly once, in order", async () => {
    const r = rig();
    teams.answer({ status: 503 });
    await r.cycle([aFinding()]); // opened: fails
    await r.cycle([]); // resolved: queued behind it
    await r.cycle([aFinding({ code: "ORDER_DRIFT", severity: "warning" })]); // opened: queued
    expect(r.teamsSince()).toHaveLength(0);
    expect(r.console()).toHaveLength(3); // other channels are not held up
    expect(r.mailSince()).toHaveLength(2);
    teams.answer({ status: 202 });
    await r.cycle([aFinding({ code: "ORDER_DRIFT", severity: "warning" })]);
    await r.cycle([aFinding({ code: "ORDER_DRIFT", severity: "warning" })]);
    expect(r.teamsSince().map(titleOf)).toEqual([
      "CRITICAL · contoso-prod | primary not serving",
      "RESOLVED · contoso-prod | resolved: primary not serving",
      "WARNING · contoso-prod | order drift",
    ]);
    expect(
      r.outbox
        .all(aReport().profile)
        .filter((e) => e.channel === "teams")
        .map((e) => e.status),
    ).toEqual(["delivered", "delivered", "delivered"]);
  });

  it("retries an e-mail the relay rejected temporarily and delivers it once", async () => {
    const r = rig();
    smtp.answer({ code: 451, message: "Greylisted, try again" });
    await r.cycle([aFinding()]);
    expect(r.mailSince()).toHaveLength(0);
    smtp.answer("accept");
    await r.cycle([aFinding()]);
    await r.cycle([aFinding()]);
    expect(r.mailSince()).toEqual(["[tm-sentinel] CRITICAL contoso-prod: primary not serving"]);
    expect(r.lines.some((l) => l.includes('"event":"alert.delivery_retry"') && l.includes("451"))).toBe(true);
  });

  it("reports a 400 from Teams as a configuration error, once, and as a finding", async () => {
    const r = rig();
    teams.answer({ status: 400, body: "Invalid request" });
    const attemptsBefore = teams.attempts;
    await r.cycle([aFinding()]);
    await r.cycle([aFinding()]);
    await r.cycle([aFinding()]);
    expect(teams.attempts - attemptsBefore).toBe(1);
    const errors = r.lines.filter((l) => l.includes('"level":"error"'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("alert.channel_misconfigured");
    expect(errors[0]).toContain("HTTP 400");
    const findings = await r.dispatcher.deliveryFindings(aReport().profile);
    expect(findings).toEqual([
      expect.objectContaining({ code: "ALERT_DELIVERY_FAILED", severity: "warning" }),
    ]);
    expect(findings[0]!.message).toContain("teams (configuration error");
  });

  it("gives up after the maximum age, logs an error and reports it until Teams works again", async () => {
    const r = rig({ ALERT_RETRY_MAX_AGE_HOURS: "1" });
    teams.answer({ status: 500 });
    for (let i = 0; i <= 12; i += 1) await r.cycle([aFinding()]); // 0 … 60 min
    expect(r.lines.filter((l) => l.includes("alert.delivery_expired"))).toHaveLength(1);
    expect(await r.dispatcher.deliveryFindings(aReport().profile)).toHaveLength(1);
    teams.answer({ status: 202 });
    const withProblem = [aFinding(), ...(await r.dispatcher.deliveryFindings(aReport().profile))];
    await r.cycle(withProblem);
    expect(r.teamsSince().map(titleOf)).toEqual([
      "CRITICAL · contoso-prod | still open: primary not serving (+1 more)",
    ]);
    expect(await r.dispatcher.deliveryFindings(aReport().profile)).toEqual([]);
  });

  it("never throws, even when its state store fails", async () => {
    const config = loadConfig({});
    const lines: string[] = [];
    const broken = {
      load: () => Promise.reject(new Error("storage down")),
      save: () => Promise.reject(new Error("storage down")),
    };
    const d = createAlertDispatcher(config, {
      clock: new ManualClock(),
      write: (l) => lines.push(l),
      state: broken,
    });
    await expect(d.dispatch([aReport({ findings: [aFinding()] })])).resolves.toBeUndefined();
    await expect(d.deliveryFindings(aReport().profile)).resolves.toEqual([]);
    expect(lines.filter((l) => l.includes('"level":"error"'))).toHaveLength(2);
  });

  it("never writes the webhook URL or the SMTP password to any log line", () => {
    expect(allLines.length).toBeGreaterThan(50);
    for (const line of allLines) {
      expect(line).not.toContain("S3cr3tSignatureValue42");
      expect(line).not.toContain("/workflows/0a1b2c");
      expect(line).not.toContain(smtp.password);
      expect(line).not.toContain(encodeURIComponent(smtp.password));
    }
  });
});
