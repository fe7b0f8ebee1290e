import type { AlertMessage } from "../alerts/alert-message.js";
import type { Severity } from "../finding.js";
import type { Drill } from "./drill.js";

/** What a finished drill tells the alert channels, and how loud. */
export interface DrillAnnouncement {
  message: AlertMessage;
  severity: Severity;
  /** Outbox idempotency key: one result per drill, however often it is announced. */
  key: string;
}

const seconds = (s: number | null): string => (s === null ? "–" : `${String(s)} s`);

/**
 * The one notification of a finished real drill: DRILL_PASSED (info) when it passed, DRILL_FAILED
 * (critical) when traffic did not move in time or the primary was not restored, DRILL_SKIPPED
 * (info) when it was aborted with the primary in place. Undefined for dry runs and unfinished drills.
 */
export function drillAnnouncement(drill: Drill, now: Date): DrillAnnouncement | undefined {
  if (drill.phase !== "done" || drill.dryRun || drill.outcome === undefined) return undefined;
  const failed = drill.outcome === "failed" || drill.restored === false;
  const code = failed ? "DRILL_FAILED" : drill.outcome === "passed" ? "DRILL_PASSED" : "DRILL_SKIPPED";
  const severity: Severity = failed ? "critical" : "info";
  const outcome =
    failed && drill.outcome !== "failed" ? `${drill.outcome}, primary not restored` : drill.outcome;
  const parts = [
    `Failover drill ${drill.id} ${outcome}${drill.reason ? `: ${drill.reason}` : ""}.`,
    `Expected standby ${drill.expectedStandby ?? "–"}, observed ${drill.observedStandby ?? "–"};`,
    `failover ${seconds(drill.failoverSeconds)}, failback ${seconds(drill.failbackSeconds)};`,
    `primary restored: ${drill.restored === null ? "not touched" : drill.restored ? "yes" : "no"}.`,
  ];
  const [sub, rg, name] = drill.profile.split("/");
  const at = drill.finishedAt ?? now.toISOString();
  return {
    severity,
    key: `drill-${drill.id}`,
    message: {
      kind: "alert",
      profile: drill.profile.toLowerCase(),
      profileId: `/subscriptions/${sub ?? ""}/resourceGroups/${rg ?? ""}/providers/Microsoft.Network/trafficManagerProfiles/${name ?? ""}`,
      profileName: name ?? drill.profile,
      at,
      status: severity,
      headline: `failover drill ${outcome}`,
      servingEndpoint: null,
      liveOrder: [],
      opened: [{ code, severity, message: parts.join(" "), openedAt: at }],
      reminders: [],
      stillOpen: [],
      resolved: [],
    },
  };
}
