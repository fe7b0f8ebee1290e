import { Cron } from "croner";

/**
 * Seconds between the schedule's next two runs after `from` (NCRONTAB, UTC). The status page calls
 * data older than two periods stale. Irregular schedules use the gap that follows `from`.
 */
export function schedulePeriodSeconds(expression: string, from: Date): number {
  const cron = new Cron(expression, { paused: true, mode: "6-part", timezone: "Etc/UTC" });
  try {
    const [a, b] = cron.nextRuns(2, from);
    if (!a || !b) return 300;
    return Math.max(1, Math.round((b.getTime() - a.getTime()) / 1000));
  } finally {
    cron.stop();
  }
}
