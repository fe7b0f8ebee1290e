import { z } from "zod";
import type { ApplyRecord, ApplyResult, GuardRailBlock, Plan } from "../../core/reconcile/plan.js";
import type { Describes } from "./schema-check.js";

/**
 * Wire shapes of POST …/plan and …/apply (src/core/reconcile/plan.ts serialised as JSON). The
 * OpenAPI components are generated from these, and apply parses its body with applyRequestSchema.
 */

const PLAN_HASH = /^[0-9a-f]{64}$/;
const hashMessage = "must be the 64-hex-digit hash of a plan (POST …/plan)";
const endpointTypeSchema = z.enum(["AzureEndpoints", "ExternalEndpoints", "NestedEndpoints"]);
const targetSchema = z.enum(["endpoint", "profile"]);

const planChangeSchema = z.strictObject({
  target: targetSchema,
  name: z.string().meta({ description: "Endpoint name, or the profile key for profile changes." }),
  field: z.string().meta({ description: "priority, endpointStatus, ttl or monitorConfig.<key>." }),
  // JSON drops undefined: a value that is not set live (from) is absent.
  from: z.unknown().exactOptional(),
  to: z.unknown().exactOptional(),
  reason: z.string(),
  endpointType: endpointTypeSchema.exactOptional(),
});

export const guardRailBlockSchema = z
  .strictObject({
    rule: z.enum(["unhealthy-primary", "no-healthy-standby", "no-enabled-endpoint", "not-priority"]),
    endpoint: z.string().exactOptional(),
    message: z.string(),
    forceable: z.boolean().meta({ description: "True when force lifts it." }),
  })
  .meta({ description: "A guard rail that stops a plan (docs/reconcile.md)." });

export const planSchema = z
  .strictObject({
    profile: z.string(),
    hash: z.string().regex(PLAN_HASH),
    changes: z.array(planChangeSchema).meta({ description: "In apply order." }),
    blocked: z.array(guardRailBlockSchema),
    overridden: z.array(guardRailBlockSchema).meta({ description: "Guard rails force lifted." }),
    force: z.boolean(),
    notes: z.array(z.string()),
  })
  .meta({ description: "docs/reconcile.md" });

/** The body of POST …/apply; the handler parses with it, so the document cannot drift from it. */
export const applyRequestSchema = z.strictObject(
  {
    planHash: z.string({ error: hashMessage }).regex(PLAN_HASH, hashMessage),
    force: z.boolean({ error: "must be a boolean" }).exactOptional(),
  },
  { error: "must be an object" },
);

export const applyResultSchema = z.strictObject({
  target: targetSchema,
  name: z.string(),
  field: z.string(),
  to: z.unknown().exactOptional(),
  status: z.enum(["applied", "failed", "skipped"]),
  error: z.string().exactOptional(),
});

export const applyRecordSchema = z
  .strictObject({
    profile: z.string(),
    at: z.iso.datetime(),
    appliedBy: z.string(),
    desiredVersion: z.int(),
    plan: planSchema,
    results: z.array(applyResultSchema),
  })
  .meta({ description: "An applied plan, as the desired-state history keeps it." });

// Compile-time: each schema describes its core type exactly (a field added on one side only fails).
const _checks: [
  Describes<typeof planSchema, Plan>,
  Describes<typeof guardRailBlockSchema, GuardRailBlock>,
  Describes<typeof applyResultSchema, ApplyResult>,
  Describes<typeof applyRecordSchema, ApplyRecord>,
] = [true, true, true, true];
