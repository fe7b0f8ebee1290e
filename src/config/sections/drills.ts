import { z } from "zod";

const seconds = (min: number, max: number) =>
  z.coerce
    .number({ message: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const name = (pattern: RegExp, what: string) => z.string().regex(pattern, what);

/** Settings of failover drills (docs/drills.md). Keys are app-setting names exactly as in Azure. */
export const drillsSection = z
  .object({
    /** How long each wait (failover, failback, PATCH retries) may last; unset: max(300, 3 × TTL). */
    DRILL_DEADLINE_SECONDS: seconds(10, 86_400).optional(),
    DRILL_POLL_SECONDS: seconds(1, 300).default(10),
    /** A drill whose next step is this late lost its process; the timer closes it and restores. */
    DRILL_STALL_SECONDS: seconds(0, 86_400).default(180),
    DRILL_QUEUE: name(
      /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
      "must be a Storage queue name: 3–63 lower-case letters, digits and single hyphens",
    ).default("tm-sentinel-drills"),
    /** `queue`: steps on DRILL_QUEUE (Functions host); `in-process`: on timers (CLI, serve); `auto`: queue when storage is set. */
    DRILL_RUNNER: z
      .enum(["auto", "queue", "in-process"], { message: "must be auto, queue or in-process" })
      .default("auto"),
    TABLE_DRILLS: name(
      /^[A-Za-z][A-Za-z0-9]{2,62}$/,
      "must be 3–63 letters or digits, starting with a letter",
    ).default("tmsDrills"),
  })
  .transform((s) => ({
    ...(s.DRILL_DEADLINE_SECONDS !== undefined ? { deadlineSeconds: s.DRILL_DEADLINE_SECONDS } : {}),
    pollSeconds: s.DRILL_POLL_SECONDS,
    stallSeconds: s.DRILL_STALL_SECONDS,
    queue: s.DRILL_QUEUE,
    table: s.TABLE_DRILLS,
    runner: s.DRILL_RUNNER,
  }));
