import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryAlertOutbox } from "../../../src/adapters/memory/memory-alert-outbox.js";
import { MemoryAlertStateStore } from "../../../src/adapters/memory/memory-alert-state-store.js";
import { createAlertDispatcher } from "../../../src/adapters/notify/create-alert-dispatcher.js";
import { drillAlertHooks } from "../../../src/app/drills/drill-runtime.js";
import { requestDrill } from "../../../src/app/drills/request-drill.js";
import { runDrillStep } from "../../../src/app/drills/run-drill-step.js";
import type { AlertDispatcher } from "../../../src/app/ports/alert-dispatcher.js";
import { loadConfig } from "../../../src/config/load-config.js";
import type { Drill } from "../../../src/core/drill/drill.js";
import { SUB_A, useArmHarness } from "../../support/arm-source-harness.js";
import { aReport, ManualClock, MINUTE } from "../../support/builders/alert-builders.js";
import { buildRawProfile, rawProfileId } from "../../support/builders/arm-raw-profile.js";
import { drillRig, type DrillRig } from "../../support/builders/drill-harness.js";
import { startSmtpReceiver, type SmtpReceiver } from "../../support/smtp-receiver.js";
import { startTeamsReceiver, type TeamsReceiver } from "../../support/teams-receiver.js";
import { startTrafficManagerModel, type TrafficManagerModel } from "../../support/traffic-manager-model.js";

const harness = useArmHarness();
const ID = rawProfileId(SUB_A, "rg-web", "tm-web");
const KEY = `${SUB_A}/rg-web/tm-web`;
let teams: TeamsReceiver;
let smtp: SmtpReceiver;
let model: TrafficManagerModel | undefined;

beforeAll(async () => {
  teams = await startTeamsReceiver();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await teams.close();
  await smtp.close();
});
afterEach(async () => {
  await model?.close();
  model = undefined;
  teams.answer({ status: 202 });
});

/** The real alert pipeline on Teams and e-mail with their default minimum severities (warning, critical). */
function alertPipeline(): { alerts: AlertDispatcher; clock: ManualClock } {
  const clock = new ManualClock(new Date());
  const outbox = new MemoryAlertOutbox();
  const alerts = createAlertDispatcher(
    loadConfig({
      ALERT_TEAMS_WEBHOOK_URL: teams.url,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: "tm-sentinel@contoso.com",
      ALERT_EMAIL_TO: "ops@contoso.com",
      ALERT_SEND_TIMEOUT_SECONDS: "2",
    }),
    {
      clock,
      write: () => undefined,
      ca: `${teams.ca}\n${smtp.ca}`,
      outbox,
      state: new MemoryAlertStateStore(outbox),
    },
  );
  return { alerts, clock };
}

async function rigWithAlerts(
  options: Parameters<typeof startTrafficManagerModel>[2] = {},
  deadlineSeconds = 5,
) {
  harness.arm.put(buildRawProfile({ subscriptionId: SUB_A }));
  model = await startTrafficManagerModel(harness.arm, ID, { propagationMs: 200, ...options });
  const pipeline = alertPipeline();
  const rig = drillRig(harness, ID, model, { deadlineSeconds });
  Object.assign(rig.deps, drillAlertHooks(pipeline.alerts, pipeline.clock));
  return { rig, ...pipeline };
}

async function runDrill(rig: DrillRig): Promise<Drill> {
  const started = await requestDrill(rig.deps, { profile: KEY, dryRun: false, trigger: "cli" });
  await rig.queue.idle();
  return (await rig.deps.drills.get(KEY, started.id))!.drill;
}

const teamsText = (from: number) => teams.delivered.slice(from).map((b) => JSON.stringify(b));
const mailSubjects = (from: number) => smtp.messages.slice(from).map((m) => m.subject ?? "");

describe("a finished drill's result reaches the alert channels", () => {
  it("passed: one info notification per channel (Teams, e-mail) with the standby, the seconds and the restore", async () => {
    const { rig } = await rigWithAlerts();
    const t0 = teams.delivered.length;
    const m0 = smtp.messages.length;
    const drill = await runDrill(rig);
    expect(drill.outcome).toBe("passed");
    const posted = teamsText(t0);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain("DRILL_PASSED");
    expect(posted[0]).toContain(`Failover drill ${drill.id} passed`);
    expect(posted[0]).toContain("Expected standby web-westus, observed web-westus");
    expect(posted[0]).toContain(`failover ${String(drill.failoverSeconds)} s`);
    expect(posted[0]).toContain("primary restored: yes");
    // Channels get the result whatever their minimum severity: it is what was asked for.
    expect(mailSubjects(m0)).toHaveLength(1);
  });

  it("failed: DRILL_FAILED (critical) on Teams and by e-mail, once, even when the last message is redelivered", async () => {
    const { rig } = await rigWithAlerts({ stuck: true }, 1);
    const t0 = teams.delivered.length;
    const m0 = smtp.messages.length;
    const drill = await runDrill(rig);
    expect(drill).toMatchObject({ outcome: "failed", restored: true });
    // The queue redelivers the finishing message (the function died after the save).
    await runDrillStep(rig.deps, { profile: KEY, drillId: drill.id, seq: drill.seq });
    await runDrillStep(rig.deps, { profile: KEY, drillId: drill.id, seq: drill.seq - 1 });
    const posted = teamsText(t0);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain("DRILL_FAILED");
    expect(posted[0]).toContain("observed –");
    const subjects = mailSubjects(m0);
    expect(subjects).toHaveLength(1);
    expect(subjects[0]).toMatch(/critical/i);
  });

  it("a failed send stays in the outbox and is sent once when the step is redelivered later", async () => {
    const { rig, clock } = await rigWithAlerts();
    const t0 = teams.delivered.length;
    teams.answer({ status: 500 });
    const drill = await runDrill(rig);
    expect(drill.outcome).toBe("passed");
    expect(teamsText(t0)).toEqual([]);
    teams.answer({ status: 202 });
    clock.advance(10 * MINUTE);
    await runDrillStep(rig.deps, { profile: KEY, drillId: drill.id, seq: drill.seq });
    await runDrillStep(rig.deps, { profile: KEY, drillId: drill.id, seq: drill.seq });
    expect(teamsText(t0)).toHaveLength(1);
    expect(teamsText(t0)[0]).toContain("DRILL_PASSED");
  });

  it("the preflight refuses while the alert state holds an open critical incident, though no report is stored", async () => {
    const { rig, alerts } = await rigWithAlerts();
    await alerts.dispatch([
      aReport({
        profile: KEY.toLowerCase(),
        profileId: ID,
        findings: [{ code: "PRIMARY_NOT_SERVING", severity: "critical", message: "primary down" }],
      }),
    ]);
    const drill = await runDrill(rig);
    expect(drill.outcome).toBe("aborted");
    expect(drill.preflight?.find((c) => c.check === "no-critical-incident")).toMatchObject({
      ok: false,
      detail: expect.stringContaining("PRIMARY_NOT_SERVING") as unknown,
    });
    expect(harness.arm.requests.filter((r) => r.method === "PATCH")).toEqual([]);
  });
});
