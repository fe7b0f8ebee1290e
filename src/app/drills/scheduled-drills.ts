import { Cron } from "croner";
import type { DesiredStateStore } from "../ports/desired-state-store.js";
import { AppError, describeError } from "../errors.js";
import type { DrillDeps } from "./drill-deps.js";
import { requestDrill } from "./request-drill.js";

/** Without an earlier scheduled drill, a schedule is due if it fired within this window. */
const FIRST_LOOKBACK_MS = 15 * 60_000;

export interface ScheduledDrillRun {
  profile: string;
  /** `started <id>`, `running elsewhere`, or why it could not start. */
  result: string;
}

/**
 * Starts the drills whose desired-state `drill.schedule` (NCRONTAB, UTC) fired since the profile's
 * last scheduled drill. The drill's own preflight decides whether it runs; a refused scheduled
 * drill shows as DRILL_SKIPPED (info) in the next reports.
 */
export async function startDueDrills(
  deps: DrillDeps & { desired: Pick<DesiredStateStore, "list"> },
): Promise<ScheduledDrillRun[]> {
  const now = deps.clock.now();
  const out: ScheduledDrillRun[] = [];
  for (const stored of await deps.desired.list()) {
    const schedule = stored.document.drill?.schedule;
    if (schedule === undefined) continue;
    const profile = stored.profile.toLowerCase();
    try {
      const history = await deps.drills.list(profile, 20);
      const last = history.find((d) => d.trigger === "schedule");
      const reference = last ? new Date(last.startedAt) : new Date(now.getTime() - FIRST_LOOKBACK_MS);
      const next = new Cron(schedule, { mode: "6-part", timezone: "Etc/UTC" }).nextRun(reference);
      if (next === null || next.getTime() > now.getTime()) continue;
      const drill = await requestDrill(deps, { profile, dryRun: false, trigger: "schedule" });
      out.push({ profile, result: `started ${drill.id}` });
    } catch (e: unknown) {
      out.push({
        profile,
        result: e instanceof AppError && e.code === "CONFLICT" ? "running elsewhere" : describeError(e),
      });
    }
  }
  return out;
}
