import { z } from "zod";
import type { DrillResult } from "../../core/drill/drill.js";
import type { Describes } from "./schema-check.js";

/** The body of POST …/drills; the handler parses with it, so the document cannot drift from it. */
export const drillRequestSchema = z.strictObject({
  dryRun: z.boolean().exactOptional().meta({ description: "Preflight only: nothing is written." }),
});

const nullable = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/** A drill as the drill routes answer it (drillResult in src/core/drill/drill.ts). */
export const drillSchema = z
  .strictObject({
    id: z.string(),
    profile: z.string(),
    dryRun: z.boolean(),
    phase: z.enum([
      "preflight",
      "silence",
      "disable",
      "await-failover",
      "enable",
      "await-failback",
      "unsilence",
      "done",
    ]),
    startedAt: z.iso.datetime(),
    finishedAt: nullable(z.iso.datetime()),
    outcome: nullable(z.enum(["passed", "failed", "aborted"])),
    reason: z.string().exactOptional().meta({ description: "Why it failed or aborted." }),
    expectedStandby: nullable(z.string()),
    observedStandby: nullable(z.string()),
    failoverSeconds: nullable(z.number()),
    failbackSeconds: nullable(z.number()),
    steps: z.array(z.strictObject({ at: z.iso.datetime(), action: z.string(), observed: z.string() })),
    restored: nullable(z.boolean()),
    preflight: z.array(
      z.strictObject({
        check: z.enum([
          "routing-priority",
          "profile-enabled",
          "dns-name",
          "primary-serving-healthy",
          "standby-healthy",
          "no-other-drill",
          "no-critical-incident",
        ]),
        ok: z.boolean(),
        detail: z.string(),
      }),
    ),
  })
  .meta({ description: "A failover drill (docs/drills.md)." });

export const drillListSchema = z.strictObject({
  drills: z.array(drillSchema).meta({ description: "Newest first." }),
});

const _checks: [Describes<typeof drillSchema, DrillResult>] = [true];
