import { z } from "zod";
import { desiredStateSchema } from "../../core/desired-schema.js";
import { silenceInputSchema } from "../../core/silences/silence-input.js";
import { MAX_BODY_BYTES } from "./request.js";
import { applyResultSchema, desiredHistorySchema, profileListSchema, reportSchema } from "./api-schemas.js";

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
const html = (description: string) => ({
  description,
  content: { "text/html": { schema: { type: "string" } } },
});
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
      license: { name: "MIT", identifier: "MIT" },
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
            "405": problem("A method other than GET (the Allow header names GET)."),
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
          summary: "The desired state and its ETag",
          responses: {
            "200": json("The desired state", "DesiredState", etagHeader),
            "404": problem("No desired state stored."),
            ...common,
          },
        },
        put: {
          operationId: "putDesired",
          summary: "Create (If-None-Match: *) or replace (If-Match) the desired state",
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
        delete: {
          operationId: "deleteDesired",
          summary: "Stop holding a desired state; its history stays",
          parameters: [
            {
              name: "If-Match",
              in: "header",
              required: true,
              schema: { type: "string" },
              description: "ETag from GET …/desired (or * to skip the check).",
            },
          ],
          responses: {
            "204": { description: "Deleted; the history records the delete." },
            "400": problem("If-Match is not * or a quoted entity tag."),
            "404": problem("No desired state stored."),
            "409": problem("The desired state comes from the read-only DESIRED_STATE_DIR."),
            "412": problem("If-Match is stale."),
            "428": problem("If-Match missing."),
            ...common,
          },
        },
      },
      "/profiles/{sub}/{rg}/{name}/desired/history": {
        parameters: profileParams,
        get: {
          operationId: "getDesiredHistory",
          summary: "Desired-state versions newest first, with the plans applied from each (paged)",
          parameters: [
            {
              name: "top",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
              description: "Versions per page.",
            },
            {
              name: "continuation",
              in: "query",
              schema: { type: "string" },
              description: "`continuation` of the previous page.",
            },
          ],
          responses: {
            "200": json("A page of versions (empty when nothing was ever stored)", "DesiredHistory"),
            "400": problem("top or continuation is invalid (errors[] names it)."),
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
          summary: "The last audit report",
          responses: {
            "200": json("The last report", "Report"),
            "404": problem("Not audited yet."),
            ...common,
          },
        },
      },
      "/status": {
        get: {
          operationId: "getStatus",
          summary: "Status page of every watched profile (HTML, no script; docs/status-page.md)",
          responses: { "200": html("The page"), ...common },
        },
      },
      "/status/{sub}/{rg}/{name}": {
        parameters: profileParams,
        get: {
          operationId: "getProfileStatus",
          summary: "Status page of one watched profile (HTML, no script; docs/status-page.md)",
          responses: {
            "200": html("The page"),
            "400": problem("A route segment is not valid (named in errors[])."),
            "404": problem("The profile is not watched."),
            ...common,
          },
        },
      },
      "/profiles/{sub}/{rg}/{name}/plan": {
        parameters: profileParams,
        post: {
          operationId: "planProfile",
          summary: "The changes that would make Traffic Manager match the desired state (reads only)",
          parameters: [{ name: "force", in: "query", schema: { type: "boolean" } }],
          responses: {
            "200": json("The plan; ETag is the desired state's, for apply", "Plan", {
              ETag: {
                description: "The desired state's ETag: send it in If-Match to apply.",
                schema: { type: "string" },
              },
            }),
            "404": problem("No desired state stored, or the profile is not live."),
            ...common,
          },
        },
      },
      "/profiles/{sub}/{rg}/{name}/apply": {
        parameters: profileParams,
        post: {
          operationId: "applyPlan",
          summary: "Apply the reviewed plan (needs TM_ENABLE_WRITE_FEATURES=true)",
          parameters: [
            {
              name: "If-Match",
              in: "header",
              required: true,
              schema: { type: "string" },
              description: "ETag of the desired state from …/plan.",
            },
          ],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ApplyRequest" } } },
          },
          responses: {
            "200": json("Applied; the record kept in the desired-state history", "ApplyRecord"),
            "400": problem("Invalid body (errors[] names each field)."),
            "403": problem("TM_ENABLE_WRITE_FEATURES is off."),
            "409": problem("The live profile or the probe verdicts changed since the plan; nothing written."),
            "412": problem("The desired state changed since the plan."),
            "422": problem("A guard rail blocks the plan (errors[] names each); nothing written."),
            "428": problem("If-Match missing."),
            ...common,
            "502": problem("ARM or storage failed; a refused write lists each change's result in errors[]."),
          },
        },
      },
      "/silences": {
        post: {
          operationId: "postSilence",
          summary: "Create a silence, or change the one named by id (docs/silences.md)",
          parameters: [
            {
              name: "If-Match",
              in: "header",
              schema: { type: "string" },
              description: "When changing a silence: only if unchanged since this ETag.",
            },
          ],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/SilenceInput" } } },
          },
          responses: {
            "201": json("Created (Location names it)", "Silence", {
              ...etagHeader,
              Location: { description: "/api/silences/{id}", schema: { type: "string" } },
            }),
            "200": json("Changed", "Silence", etagHeader),
            "400": problem("Invalid silence (every issue in errors[] with its JSON path); nothing stored."),
            "404": problem("matchers.profile is not a watched profile; nothing stored."),
            "409": problem("The silence named by id has expired."),
            "412": problem("If-Match is stale."),
            "413": problem(`Body larger than ${MAX_BODY_BYTES} bytes.`),
            "415": problem("Content-Type is not application/json."),
            ...common,
          },
        },
        get: {
          operationId: "listSilences",
          summary: "Active and pending silences; ?state=expired for those ended in the last 30 days",
          parameters: [{ name: "state", in: "query", schema: { enum: ["current", "expired"] } }],
          responses: {
            "200": json("Silences, newest first", "SilenceList"),
            "400": problem("Unknown state."),
            ...common,
          },
        },
      },
      "/silences/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: {
          operationId: "getSilence",
          summary: "One silence and its ETag",
          responses: {
            "200": json("The silence", "Silence", etagHeader),
            "404": problem("No such silence."),
            ...common,
          },
        },
        delete: {
          operationId: "expireSilence",
          summary: "Expire the silence now (endsAt = now); it stays in the history",
          parameters: [
            {
              name: "If-Match",
              in: "header",
              schema: { type: "string" },
              description: "Only if unchanged since this ETag.",
            },
          ],
          responses: {
            "200": json("The expired silence", "Silence", etagHeader),
            "404": problem("No such silence."),
            "412": problem("If-Match is stale."),
            ...common,
          },
        },
      },
      "/profiles/{sub}/{rg}/{name}/drills": {
        parameters: profileParams,
        post: {
          operationId: "startDrill",
          summary: "Start a failover drill (docs/drills.md); the steps run on the drill queue",
          requestBody: {
            required: false,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  additionalProperties: false,
                  properties: { dryRun: { type: "boolean" } },
                },
              },
            },
          },
          responses: {
            "202": json("Started; poll the Location", "Drill", {
              Location: {
                description: "/api/profiles/{sub}/{rg}/{name}/drills/{id}",
                schema: { type: "string" },
              },
            }),
            "400": problem("Invalid body (errors[] names the field)."),
            "403": problem("TM_ENABLE_WRITE_FEATURES is not true."),
            "409": problem("Another drill is running on this profile."),
            ...common,
          },
        },
        get: {
          operationId: "listDrills",
          summary: "The profile's drills, newest first",
          responses: {
            "200": json("Drills", "DrillList"),
            "403": problem("TM_ENABLE_WRITE_FEATURES is not true."),
            ...common,
          },
        },
      },
      "/profiles/{sub}/{rg}/{name}/drills/{id}": {
        parameters: [
          ...profileParams,
          { name: "id", in: "path", required: true, schema: { type: "string" } },
        ],
        get: {
          operationId: "getDrill",
          summary: "One drill: its steps so far and its result",
          responses: {
            "200": json("The drill", "Drill"),
            "403": problem("TM_ENABLE_WRITE_FEATURES is not true."),
            "404": problem("No such drill."),
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
        DesiredHistory: jsonSchema(desiredHistorySchema),
        SilenceInput: jsonSchema(silenceInputSchema),
        Report: jsonSchema(reportSchema),
        ProfileList: jsonSchema(profileListSchema),
        Plan: {
          type: "object",
          description: "docs/reconcile.md",
          required: ["profile", "hash", "changes", "blocked", "overridden", "force", "notes"],
          properties: {
            profile: { type: "string" },
            hash: { type: "string", pattern: "^[0-9a-f]{64}$" },
            changes: {
              type: "array",
              items: {
                type: "object",
                required: ["target", "name", "field", "from", "to", "reason"],
                properties: {
                  target: { enum: ["endpoint", "profile"] },
                  name: { type: "string" },
                  field: { type: "string" },
                  from: {},
                  to: {},
                  reason: { type: "string" },
                  endpointType: { enum: ["AzureEndpoints", "ExternalEndpoints", "NestedEndpoints"] },
                },
              },
            },
            blocked: { type: "array", items: { $ref: "#/components/schemas/GuardRailBlock" } },
            overridden: { type: "array", items: { $ref: "#/components/schemas/GuardRailBlock" } },
            force: { type: "boolean" },
            notes: { type: "array", items: { type: "string" } },
          },
        },
        GuardRailBlock: {
          type: "object",
          required: ["rule", "message", "forceable"],
          properties: {
            rule: {
              enum: ["unhealthy-primary", "no-healthy-standby", "no-enabled-endpoint", "not-priority"],
            },
            endpoint: { type: "string" },
            message: { type: "string" },
            forceable: { type: "boolean" },
          },
        },
        ApplyRequest: {
          type: "object",
          required: ["planHash"],
          additionalProperties: false,
          properties: { planHash: { type: "string", pattern: "^[0-9a-f]{64}$" }, force: { type: "boolean" } },
        },
        ApplyRecord: {
          type: "object",
          required: ["profile", "at", "appliedBy", "desiredVersion", "plan", "results"],
          properties: {
            profile: { type: "string" },
            at: { type: "string", format: "date-time" },
            appliedBy: { type: "string" },
            desiredVersion: { type: "integer" },
            plan: { $ref: "#/components/schemas/Plan" },
            results: { type: "array", items: jsonSchema(applyResultSchema) },
          },
        },
        Silence: {
          type: "object",
          description: "A silence (docs/silences.md).",
          required: ["id", "matchers", "startsAt", "endsAt", "createdBy", "createdAt", "comment", "state"],
          properties: {
            id: { type: "string" },
            matchers: { type: "object" },
            startsAt: { type: "string", format: "date-time" },
            endsAt: { type: "string", format: "date-time" },
            createdBy: { type: "string" },
            createdAt: { type: "string", format: "date-time" },
            comment: { type: "string" },
            state: { enum: ["pending", "active", "expired"] },
          },
        },
        SilenceList: {
          type: "object",
          properties: { silences: { type: "array", items: { $ref: "#/components/schemas/Silence" } } },
        },
        Drill: {
          type: "object",
          description: "A failover drill (docs/drills.md).",
          required: ["id", "profile", "startedAt", "outcome", "steps", "restored"],
          properties: {
            id: { type: "string" },
            profile: { type: "string" },
            dryRun: { type: "boolean" },
            phase: { type: "string" },
            startedAt: { type: "string" },
            finishedAt: { type: ["string", "null"] },
            outcome: { enum: ["passed", "failed", "aborted", null] },
            reason: { type: "string" },
            expectedStandby: { type: ["string", "null"] },
            observedStandby: { type: ["string", "null"] },
            failoverSeconds: { type: ["number", "null"] },
            failbackSeconds: { type: ["number", "null"] },
            steps: {
              type: "array",
              items: {
                type: "object",
                required: ["at", "action", "observed"],
                properties: {
                  at: { type: "string" },
                  action: { type: "string" },
                  observed: { type: "string" },
                },
              },
            },
            restored: { type: ["boolean", "null"] },
            preflight: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  check: { type: "string" },
                  ok: { type: "boolean" },
                  detail: { type: "string" },
                },
              },
            },
          },
        },
        DrillList: {
          type: "object",
          properties: { drills: { type: "array", items: { $ref: "#/components/schemas/Drill" } } },
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
