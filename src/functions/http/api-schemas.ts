import { z } from "zod";
import { desiredStateSchema } from "../../core/desired-schema.js";
import { FINDING_CODES } from "../../core/finding.js";
import { applyResultSchema } from "./api-schemas-reconcile.js";
import { HISTORY_TOP_MAX } from "./history-paging.js";

/**
 * zod schemas of response bodies that are not validated on input; the OpenAPI document is
 * generated from them (openapi-document.ts), so the document and the handlers share one shape.
 * Response objects are strict (additionalProperties: false) so that the tests validating every
 * response catch a field a handler adds without documenting it; the report alone is loose
 * (report.ts may add keys). Siblings: api-schemas-reconcile.ts, -silences.ts, -drills.ts.
 */

/** Problem details (RFC 9457), as problem.ts and the serve host write them. */
export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z
      .array(z.strictObject({ path: z.string(), message: z.string() }))
      .exactOptional()
      .meta({ description: "Every invalid field, by JSON path." }),
    operationId: z
      .string()
      .exactOptional()
      .meta({ description: "On a 5xx: the invocation id under which the cause is logged." }),
  })
  .meta({ description: "RFC 9457 problem details." });

export const healthSchema = z.strictObject({ status: z.literal("ok") });

/** GET /api/openapi.json: this document (its own shape is OpenAPI 3.1's). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});

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

export const profileListSchema = z.strictObject({
  profiles: z.array(
    z.strictObject({
      profile: z.string(),
      desired: z.union([
        z.strictObject({ version: z.int(), updatedAt: z.iso.datetime(), updatedBy: z.string() }),
        z.null(),
      ]),
      lastAudit: z.union([
        z.strictObject({
          generatedAt: z.iso.datetime(),
          servingEndpoint: z.union([z.string(), z.null()]),
          worstSeverity: z.union([severitySchema, z.null()]),
          findings: z.strictObject({ info: z.int(), warning: z.int(), critical: z.int() }),
          codes: z.array(z.string()),
        }),
        z.null(),
      ]),
    }),
  ),
});

const historyVersionSchema = z.strictObject({
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
    .array(
      z.strictObject({ at: z.iso.datetime(), appliedBy: z.string(), results: z.array(applyResultSchema) }),
    )
    .meta({ description: "Plans applied against this version (POST …/apply), newest first." }),
});

export const desiredHistorySchema = z.strictObject({
  profile: z.string(),
  versions: z.array(historyVersionSchema).max(HISTORY_TOP_MAX),
  continuation: z
    .string()
    .optional()
    .meta({ description: "Set while older versions remain: send it as ?continuation= for the next page." }),
});
