import { bodyLimits, common, etagHeader, html, json, problem, profileParams, ref } from "./openapi-parts.js";

/** Health, the document itself, the status page, silences and drills. */
export function operationPaths(): Record<string, unknown> {
  return {
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
      parameters: [...profileParams, { name: "id", in: "path", required: true, schema: { type: "string" } }],
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
  };
}
