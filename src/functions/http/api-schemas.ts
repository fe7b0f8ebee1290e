import { z } from "zod";
import { desiredStateSchema } from "../../core/desired-schema.js";
import { FINDING_CODES } from "../../core/finding.js";
import { HISTORY_TOP_MAX } from "./history-paging.js";

/**
 * zod schemas of response bodies that are not validated on input; the OpenAPI document is
 * generated from them (openapi-document.ts), so the document and the handlers share one shape.
 */

const severitySchema = z.enum(["info", "warning", "critical"]);

export const findingSchema = z.object({
  code: z.enum(FINDING_CODES).meta({ description: "docs/operate.md explains each code." }),
  severity: severitySchema,
  endpoint: z.string().optional().meta({ description: "ARM endpoint name, when about one endpoint." }),
  message: z.string(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  silencedBy: z.array(z.string()).optional(),
  silencedUntil: z.iso.datetime().optional(),
});

const reportEndpointSchema = z.looseObject({
  name: z.string(),
  type: z.enum(["AzureEndpoints", "ExternalEndpoints", "NestedEndpoints"]),
  target: z.string().optional(),
  priority: z.union([z.int(), z.null()]),
  enabled: z.boolean(),
  alwaysServe: z.boolean(),
  tmStatus: z.union([z.string(), z.null()]),
  derivedTmStatus: z.string().optional(),
  probe: z
    .looseObject({
      status: z.enum(["Online", "Failing", "Degraded"]),
      consecutiveFailures: z.int(),
      last: z.looseObject({}),
    })
    .optional(),
  notProbed: z.string().optional(),
});

/** The report JSON; loose (extra keys may be added, none renamed: report.ts). */
export const reportSchema = z
  .looseObject({
    profile: z.string(),
    profileId: z.string(),
    fqdn: z.string().optional(),
    generatedAt: z.iso.datetime(),
    routingMethod: z.string(),
    profileStatus: z.string(),
    profileMonitorStatus: z.string().optional(),
    derivedMonitorStatus: z.string(),
    servingEndpoint: z.union([z.string(), z.null()]),
    servingBasis: z.enum(["traffic-manager", "probes", "both"]),
    liveOrder: z.array(z.string()),
    desiredOrder: z.array(z.string()).optional(),
    endpoints: z.array(reportEndpointSchema),
    findings: z.array(findingSchema),
    dnsAnswer: z.looseObject({}).optional(),
    failoverBoundSeconds: z.number().optional(),
    plan: z.looseObject({}).optional().meta({ description: "See the Plan schema." }),
    applied: z.array(z.looseObject({})).optional(),
    silences: z.array(z.looseObject({})).optional(),
  })
  .meta({ description: "Audit report; docs/operate.md explains each finding code." });

export const profileListSchema = z.object({
  profiles: z.array(
    z.object({
      profile: z.string(),
      desired: z.union([
        z.object({ version: z.int(), updatedAt: z.iso.datetime(), updatedBy: z.string() }),
        z.null(),
      ]),
      lastAudit: z.union([
        z.object({
          generatedAt: z.iso.datetime(),
          servingEndpoint: z.union([z.string(), z.null()]),
          worstSeverity: z.union([severitySchema, z.null()]),
          findings: z.object({ info: z.int(), warning: z.int(), critical: z.int() }),
          codes: z.array(z.string()),
        }),
        z.null(),
      ]),
    }),
  ),
});

export const applyResultSchema = z.object({
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
