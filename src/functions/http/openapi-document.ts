import { z } from "zod";
import { desiredStateSchema } from "../../core/desired-schema.js";
import { MAX_BODY_BYTES } from "./request.js";

/** Problem details (RFC 9457) as a zod schema, so the document and the responses share one shape. */
const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  });
  return rest;
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const json = (description: string, ref: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const etagHeader = {
  ETag: { description: "Send it back in If-Match to replace.", schema: { type: "string" } },
};
const profileParams = ["sub", "rg", "name"].map((name) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
  description: { sub: "Subscription ID", rg: "Resource group", name: "Profile name" }[name],
}));
const conditional = [
  {
    name: "If-Match",
    in: "header",
    schema: { type: "string" },
    description: "ETag from GET: replace only if unchanged.",
  },
  {
    name: "If-None-Match",
    in: "header",
    schema: { const: "*" },
    description: "Create only if no document exists.",
  },
];
const common = {
  "401": { description: "Missing or wrong function key (x-functions-key or ?code=)." },
  "500": problem("Unexpected error or misconfiguration; details only in the function log."),
  "502": problem("ARM or storage failed."),
};
const writes = {
  "400": problem("If-Match and If-None-Match both sent, or If-None-Match other than *."),
  "412": problem("ETag stale, or If-None-Match: * on an existing document."),
  "428": problem("A document exists and If-Match is missing."),
  "422": problem("Endpoints unknown in the live profile (listed in errors[])."),
};

/** OpenAPI 3.1 of the HTTP API; the desired-state schema is generated from the zod schema the PUT validates with. */
export function buildOpenApiDocument(serverUrl?: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "tm-sentinel",
      version: "1.0.0",
      description: "Desired failover order and audits of Traffic Manager Priority profiles.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ functionKey: [] }],
    paths: withWatchErrors({
      "/health": {
        get: {
          operationId: "health",
          summary: "Liveness; anonymous, says only ok",
          security: [],
          responses: {
            "200": {
              description: "Alive",
              content: {
                "application/json": { schema: { type: "object", properties: { status: { const: "ok" } } } },
              },
            },
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openApi",
          summary: "This document",
          responses: {
            "200": {
              description: "OpenAPI 3.1",
              content: { "application/json": { schema: { type: "object" } } },
            },
            ...common,
          },
        },
      },
      "/profiles": {
        get: {
          operationId: "listProfiles",
          summary: "Known profiles with their last audit summary",
          responses: { "200": json("Profiles", "ProfileList"), ...common },
        },
      },
      "/profiles/{sub}/{rg}/{name}/desired": {
        parameters: profileParams,
        get: {
          operationId: "getDesired",
          responses: {
            "200": json("The desired state", "DesiredState", etagHeader),
            "404": problem("No desired state stored."),
            ...common,
          },
        },
        put: {
          operationId: "putDesired",
          parameters: [
            ...conditional,
            { name: "allowUnknownEndpoints", in: "query", schema: { type: "boolean" } },
          ],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/DesiredState" } } },
          },
          responses: {
            "200": json("Replaced", "DesiredState", etagHeader),
            "201": json("Created", "DesiredState", etagHeader),
            ...writes,
            "400": problem(
              "Invalid document (every issue in errors[] with its JSON path) or conflicting conditional headers.",
            ),
            "413": problem(`Body larger than ${MAX_BODY_BYTES} bytes.`),
            "415": problem("Content-Type is not application/json."),
            ...common,
          },
        },
      },
      "/profiles/{sub}/{rg}/{name}/desired/adopt": {
        parameters: profileParams,
        post: {
          operationId: "adoptDesired",
          summary: "Make the live order, statuses and monitor settings the desired state",
          parameters: conditional,
          responses: {
            "200": json("Replaced", "DesiredState", etagHeader),
            "201": json("Created", "DesiredState", etagHeader),
            ...writes,
            ...common,
          },
        },
      },
      "/profiles/{sub}/{rg}/{name}/audit": {
        parameters: profileParams,
        post: {
          operationId: "auditNow",
          summary: "Audit now and store the report",
          responses: { "200": json("The report", "Report"), ...common },
        },
      },
      "/profiles/{sub}/{rg}/{name}/report": {
        parameters: profileParams,
        get: {
          operationId: "getReport",
          responses: {
            "200": json("The last report", "Report"),
            "404": problem("Not audited yet."),
            ...common,
          },
        },
      },
    }),
    components: {
      securitySchemes: { functionKey: { type: "apiKey", in: "header", name: "x-functions-key" } },
      schemas: {
        DesiredState: jsonSchema(desiredStateSchema),
        Problem: jsonSchema(problemSchema),
        Report: {
          type: "object",
          description: "Audit report (README: Report JSON).",
          required: ["profile", "routingMethod", "servingEndpoint", "endpoints", "findings"],
          properties: {
            profile: { type: "string" },
            routingMethod: { type: "string" },
            servingEndpoint: { type: ["string", "null"] },
            endpoints: { type: "array", items: { type: "object" } },
            findings: { type: "array", items: { type: "object", required: ["code", "severity", "message"] } },
          },
        },
        ProfileList: {
          type: "object",
          properties: {
            profiles: {
              type: "array",
              items: { type: "object", required: ["profile", "desired", "lastAudit"] },
            },
          },
        },
      },
    },
  };
}

type Operation = { responses?: Record<string, unknown> };

/**
 * Every per-profile route checks its segments (400) and the watch list (404) first
 * (watched-profile-route.ts), so every such operation documents both, also those added later.
 */
function withWatchErrors<T extends Record<string, unknown>>(paths: T): T {
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith("/profiles/{sub}/{rg}/{name}")) continue;
    for (const op of Object.values(item as Record<string, unknown>)) {
      if (typeof op !== "object" || op === null || Array.isArray(op)) continue;
      const operation = op as Operation;
      if (!operation.responses) continue;
      const notFound = operation.responses["404"] as { description?: string } | undefined;
      operation.responses = {
        "400": problem("A route segment is invalid; errors[].path names it (route.subscriptionId, …)."),
        ...operation.responses,
        "404": problem(
          `The profile is not watched (TM_WATCH, TM_WATCH_TAG)${notFound?.description ? `, or: ${notFound.description}` : "."}`,
        ),
      };
    }
  }
  return paths;
}
