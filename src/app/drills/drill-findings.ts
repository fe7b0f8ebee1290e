import type { Drill } from "../../core/drill/drill.js";
import type { Finding } from "../../core/finding.js";

const HOUR_MS = 3_600_000;
/** How many of a profile's latest drills its report's findings look at. */
export const DRILL_HISTORY = 20;

/**
 * Findings a profile's drill history adds to its report: DRILL_FAILED (critical) while the latest
 * finished real drill failed or could not restore the primary (until a later drill passes);
 * DRILL_PASSED (info) for an hour after a drill passed; DRILL_SKIPPED (info) for a day after a
 * scheduled drill was refused by its preflight.
 */
export function drillFindings(history: readonly Drill[], now: Date): Finding[] {
  const finished = history.filter((d) => d.phase === "done" && !d.dryRun);
  const real = finished.find((d) => !(d.outcome === "aborted" && d.disableSentAt === undefined));
  const findings: Finding[] = [];
  if (real && (real.outcome === "failed" || real.restored === false)) {
    findings.push({
      code: "DRILL_FAILED",
      severity: "critical",
      message: `Failover drill ${real.id} failed: ${real.reason ?? "see the drill's steps"}${real.restored === false ? "; the primary was not restored" : ""}.`,
      expected: real.expectedStandby,
      actual: { drill: real.id, observedStandby: real.observedStandby, restored: real.restored },
    });
  } else if (
    real?.outcome === "passed" &&
    now.getTime() - Date.parse(real.finishedAt ?? real.startedAt) < HOUR_MS
  ) {
    findings.push({
      code: "DRILL_PASSED",
      severity: "info",
      message: `Failover drill ${real.id} passed: traffic moved to ${real.observedStandby ?? "the standby"} in ${real.failoverSeconds ?? "?"} s and back in ${real.failbackSeconds ?? "?"} s.`,
      actual: {
        drill: real.id,
        failoverSeconds: real.failoverSeconds,
        failbackSeconds: real.failbackSeconds,
      },
    });
  }
  const latest = finished[0];
  if (
    latest?.trigger === "schedule" &&
    latest.outcome === "aborted" &&
    now.getTime() - Date.parse(latest.finishedAt ?? latest.startedAt) < 24 * HOUR_MS
  ) {
    findings.push({
      code: "DRILL_SKIPPED",
      severity: "info",
      message: `The scheduled failover drill was skipped: ${latest.reason ?? "preflight refused"}.`,
      actual: { drill: latest.id, preflight: (latest.preflight ?? []).filter((c) => !c.ok) },
    });
  }
  return findings;
}
