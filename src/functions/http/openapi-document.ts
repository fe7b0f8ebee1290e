import { z } from "zod";
import { desiredStateSchema } from "../../core/desired-schema.js";
import { silenceInputSchema } from "../../core/silences/silence-input.js";
import { MAX_BODY_BYTES } from "./request.js";
import {
  desiredHistorySchema,
  healthSchema,
  openApiDocumentSchema,
  problemSchema,
  profileListSchema,
  reportSchema,
} from "./api-schemas.js";
import { drillListSchema, drillRequestSchema, drillSchema } from "./api-schemas-drills.js";
import {
  applyRecordSchema,
  applyRequestSchema,
  guardRailBlockSchema,
  planSchema,
} from "./api-schemas-reconcile.js";
import { silenceListSchema, silenceSchema } from "./api-schemas-silences.js";

/**
 * Every request and response body of the API, by component name. The components are generated
 * from these zod schemas in one pass, so a schema used inside another (DesiredState in
 * DesiredHistory, Silence in SilenceList, …) becomes a `$ref` to its component.
 */
const bodies: Record<string, z.ZodType> = {
  DesiredState: desiredStateSchema,
  DesiredHistory: desiredHistorySchema,
  Problem: problemSchema,
  Health: healthSchema,
  OpenApiDocument: openApiDocumentSchema,
  Report: reportSchema,
  ProfileList: profileListSchema,
  Plan: planSchema,
  GuardRailBlock: guardRailBlockSchema,
  ApplyRequest: applyRequestSchema,
  ApplyRecord: applyRecordSchema,
  SilenceInput: silenceInputSchema,
  Silence: silenceSchema,
  SilenceList: silenceListSchema,
  DrillRequest: drillRequestSchema,
  Drill: drillSchema,
  DrillList: drillListSchema,
  StatusPage: z.string().meta({ description: "Self-contained HTML, no script (docs/status-page.md)." }),
};

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(bodies)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});
const json = (description: string, name: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ref(name) } },
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
  content: { "text/html": { schema: ref("StatusPage") } },
});
const common = {
  "401": { description: "Missing or wrong function key (x-functions-key or ?code=)." },
  "500": problem("Unexpected error or misconfiguration; details only in the function log."),
  "502": problem("ARM or storage failed."),
};
const readOnlyDir = problem("The desired state comes from the read-only DESIRED_STATE_DIR; nothing written.");
const bodyLimits = {
  "413": problem(`Body larger than ${MAX_BODY_BYTES} bytes.`),
  "415": problem("Content-Type is not application/json."),
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
              content: { "application/json": { schema: ref("Health") } },
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
              content: { "application/json": { schema: ref("OpenApiDocument") } },
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
            content: { "application/json": { schema: ref("DesiredState") } },
          },
          responses: {
            "200": json("Replaced", "DesiredState", etagHeader),
            "201": json("Created", "DesiredState", etagHeader),
            ...writes,
            "400": problem(
              "Invalid document (every issue in errors[] with its JSON path) or conflicting conditional headers.",
            ),
            "409": readOnlyDir,
            ...bodyLimits,
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
            "409": readOnlyDir,
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
            "409": readOnlyDir,
            "422": problem("The live profile is not a valid desired state (errors[] names each issue)."),
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
            content: { "application/json": { schema: ref("ApplyRequest") } },
          },
          responses: {
            "200": json("Applied; the record kept in the desired-state history", "ApplyRecord"),
            "400": problem("Invalid body (errors[] names each field), or If-None-Match sent."),
            "403": problem("TM_ENABLE_WRITE_FEATURES is off."),
            "409": problem("The live profile or the probe verdicts changed since the plan; nothing written."),
            "412": problem("The desired state changed since the plan."),
            "422": problem("A guard rail blocks the plan (errors[] names each); nothing written."),
            "428": problem("If-Match missing."),
            ...bodyLimits,
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
            content: { "application/json": { schema: ref("SilenceInput") } },
          },
          responses: {
            "201": json("Created (Location names it)", "Silence", {
              ...etagHeader,
              Location: { description: "/api/silences/{id}", schema: { type: "string" } },
            }),
            "200": json("Changed", "Silence", etagHeader),
            "400": problem("Invalid silence (every issue in errors[] with its JSON path); nothing stored."),
            "404": problem("matchers.profile is not a watched profile; nothing stored."),
            "409": problem("The silence named by id has expired, or one with that id was created meanwhile."),
            "412": problem("If-Match is stale."),
            ...bodyLimits,
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
                schema: ref("DrillRequest"),
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
            ...bodyLimits,
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
      schemas: componentSchemas(),
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
