import { z } from "zod";
import { desiredStateSchema } from "../../core/desired-schema.js";
import { HISTORY_TOP_MAX } from "./history-paging.js";

/**
 * zod schemas of response bodies that are not validated on input; the OpenAPI document is
 * generated from them (openapi-document.ts), so the document and the handlers share one shape.
 */

const applyResultSchema = z.object({
  target: z.enum(["endpoint", "profile"]),
  name: z.string(),
  field: z.string(),
  to: z.unknown(),
  status: z.enum(["applied", "failed", "skipped"]),
  error: z.string().optional(),
});

const historyVersionSchema = z.object({
  version: z.int().min(1),
  change: z
    .enum(["put", "delete"])
    .meta({ description: "put: a document was written; delete: it was removed." }),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  current: z.boolean().meta({ description: "The version the profile holds now." }),
  etag: z
    .string()
    .optional()
    .meta({ description: "Only on the current version: the ETag to send in If-Match." }),
  document: z.union([desiredStateSchema, z.null()]).meta({ description: "null for a delete." }),
  applies: z
    .array(z.object({ at: z.iso.datetime(), appliedBy: z.string(), results: z.array(applyResultSchema) }))
    .meta({ description: "Plans applied against this version (POST …/apply), newest first." }),
});

export const desiredHistorySchema = z.object({
  profile: z.string(),
  versions: z.array(historyVersionSchema).max(HISTORY_TOP_MAX),
  continuation: z
    .string()
    .optional()
    .meta({ description: "Set while older versions remain: send it as ?continuation= for the next page." }),
});
