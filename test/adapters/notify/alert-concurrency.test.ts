import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertDispatcher } from "../../../src/adapters/notify/create-alert-dispatcher.js";
import { MemoryAlertOutbox } from "../../../src/adapters/memory/memory-alert-outbox.js";
import { MemoryAlertStateStore } from "../../../src/adapters/memory/memory-alert-state-store.js";
import { loadConfig } from "../../../src/config/load-config.js";
import {
  aFinding,
  anAlertMessage,
  aReport,
  ManualClock,
  MINUTE,
} from "../../support/builders/alert-builders.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";
import { startSmtpReceiver, type SmtpReceiver } from "../../support/smtp-receiver.js";

const tables = azuriteTables();
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(() => smtp.close());

const subjects = (lines: string[]) =>
  lines.filter((l) => l.startsWith("[tm-sentinel]")).map((l) => l.split("\n")[0]);

describe("alert pipeline under concurrent dispatchers", () => {
  it("announces an incident once when two instances handle the same profile at once on Table storage", async () => {
    const config = loadConfig({ TABLE_STATE: uniqueTableName("alrace") });
    const clock = new ManualClock();
    const lines: string[] = [];
    const write = (l: string) => lines.push(l);
    // The timer's audit and an audit-now of the same profile, in two function instances.
    const timer = createAlertDispatcher(config, { clock, tables, write });
    const auditNow = createAlertDispatcher(config, { clock, tables, write });
    const report = (generatedAt: string) => aReport({ generatedAt, findings: [aFinding()] });
    await Promise.all([
      timer.dispatch([report("2026-03-01T10:00:00.000Z")]),
      auditNow.dispatch([report("2026-03-01T10:00:01.000Z")]),
    ]);
    expect(subjects(lines)).toEqual(["[tm-sentinel] CRITICAL contoso-prod: primary not serving"]);
  });

  it("announces an incident once when two dispatchers share in-memory stores", async () => {
    const config = loadConfig({});
    const clock = new ManualClock();
    const outbox = new MemoryAlertOutbox();
    const state = new MemoryAlertStateStore(outbox);
    const lines: string[] = [];
    const deps = { clock, write: (l: string) => lines.push(l), state, outbox };
    const a = createAlertDispatcher(config, deps);
    const b = createAlertDispatcher(config, deps);
    await Promise.all([
      a.dispatch([aReport({ generatedAt: "2026-03-01T10:00:00.000Z", findings: [aFinding()] })]),
      b.dispatch([aReport({ generatedAt: "2026-03-01T10:00:01.000Z", findings: [aFinding()] })]),
    ]);
    expect(subjects(lines)).toHaveLength(1);
    expect(outbox.all(aReport().profile)).toHaveLength(1);
  });

  it("leaves a message another dispatcher is sending to it until its lease runs out", async () => {
    const config = loadConfig({});
    const clock = new ManualClock();
    const outbox = new MemoryAlertOutbox();
    const state = new MemoryAlertStateStore(outbox);
    const lines: string[] = [];
    const d = createAlertDispatcher(config, { clock, write: (l) => lines.push(l), state, outbox });
    // Record the message without delivering it (a sender that is mid-send elsewhere).
    await state.save({ profile: aReport().profile, incidents: [], delivery: [], version: 1 }, undefined, [
      {
        id: "000000000001~console",
        profile: aReport().profile,
        channel: "console",
        createdAt: clock.now().toISOString(),
        status: "pending",
        attempts: 1,
        nextAttemptAt: new Date(clock.now().getTime() + 10 * MINUTE).toISOString(),
        message: anAlertMessage(),
      },
    ]);
    await d.dispatch([aReport({ findings: [] })]);
    expect(subjects(lines)).toHaveLength(0);
    clock.advance(10 * MINUTE);
    await d.dispatch([aReport({ findings: [] })]);
    expect(subjects(lines)).toHaveLength(1);
    expect(outbox.all(aReport().profile).map((e) => [e.status, e.attempts])).toEqual([["delivered", 2]]);
  });

  it("resends a message whose delivery was never recorded under the same Message-ID", async () => {
    const config = loadConfig({
      SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: "tm-sentinel@contoso.com",
      ALERT_EMAIL_TO: "ops@contoso.com",
      ALERT_CONSOLE: "false",
    });
    const clock = new ManualClock();
    const outbox = new MemoryAlertOutbox();
    const state = new MemoryAlertStateStore(outbox);
    const d = createAlertDispatcher(config, { clock, write: () => {}, ca: smtp.ca, state, outbox });
    const before = smtp.messages.length;
    await d.dispatch([aReport({ findings: [aFinding()] })]);
    // The process died after the relay accepted the mail, before "delivered" was stored.
    const [sent] = outbox.all(aReport().profile);
    const { doneAt: _d, etag: _e, ...rest } = sent!;
    await outbox.update({ ...rest, status: "pending" });
    clock.advance(5 * MINUTE);
    await d.dispatch([aReport({ findings: [aFinding()] })]);
    const mails = smtp.messages.slice(before);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.messageId).toBe(mails[0]!.messageId);
  });
});
