import { createAlertDispatcher } from "../../../src/adapters/notify/create-alert-dispatcher.js";
import { MemoryDesiredStateStore } from "../../../src/adapters/memory/memory-desired-state-store.js";
import { MemoryProbeStateStore } from "../../../src/adapters/memory/memory-probe-state-store.js";
import { MemorySilenceRecords } from "../../../src/adapters/memory/memory-silence-records.js";
import type { LiveProfileSource } from "../../../src/app/ports/live-profile-source.js";
import { runAuditCycle } from "../../../src/app/run-audit.js";
import { SilenceBook } from "../../../src/app/silences/silence-book.js";
import { loadConfig } from "../../../src/config/load-config.js";
import type { DesiredState } from "../../../src/core/desired-state.js";
import type { Report } from "../../../src/core/report.js";
import type { MaintenanceWindow } from "../../../src/core/silences/maintenance.js";
import { aProfile, anEndpoint } from "../../support/builders/audit-builders.js";
import { ManualClock } from "../../support/builders/alert-builders.js";
import type { TeamsReceiver } from "../../support/teams-receiver.js";

export const PROFILE = "sub1/rg1/web";

/**
 * One profile (primary web-eastus, then web-westus, web-northeu) whose primary can be failed, its
 * desired state (optionally with maintenance windows), real silences in memory and the real alert
 * pipeline posting to a Teams receiver. Each `cycle()` is one audit at the clock's time.
 */
export async function silenceHarness(teams: TeamsReceiver, start: Date, maintenance?: MaintenanceWindow[]) {
  const clock = new ManualClock(start);
  let primaryDown = false;
  const live: LiveProfileSource = {
    readWatched: () => Promise.resolve(snapshot()),
    readProfiles: () => Promise.resolve(snapshot()),
  };
  function snapshot() {
    const profile = aProfile({
      name: "web",
      endpoints: [
        anEndpoint({ name: "web-eastus", priority: 1, monitorStatus: primaryDown ? "Degraded" : "Online" }),
        anEndpoint({ name: "web-westus", priority: 2 }),
        anEndpoint({ name: "web-northeu", priority: 3 }),
      ],
    });
    return { profiles: [profile], related: new Map(), failures: [] };
  }
  const desired = new MemoryDesiredStateStore(clock);
  const document: DesiredState = {
    routingMethod: "Priority",
    endpoints: ["web-eastus", "web-westus", "web-northeu"].map((name) => ({ name, enabled: true })),
    ...(maintenance && { maintenance }),
  };
  await desired.create(PROFILE, document, "test");
  const silences = new SilenceBook(new MemorySilenceRecords(), clock);
  const alerts = createAlertDispatcher(loadConfig({ ALERT_TEAMS_WEBHOOK_URL: teams.url }), {
    clock,
    write: () => undefined,
    ca: teams.ca,
  });
  const options = {
    probe: false,
    basis: "traffic-manager" as const,
    certWarningDays: 14,
    profileConcurrency: 1,
    checkDns: false,
  };
  return {
    clock,
    silences,
    desired,
    document,
    setPrimaryDown(down: boolean) {
      primaryDown = down;
    },
    async cycle(): Promise<Report> {
      const result = await runAuditCycle(
        { live, desired, probeState: new MemoryProbeStateStore(), clock, alerts, silences },
        options,
      );
      return result.reports[0]!;
    },
  };
}
