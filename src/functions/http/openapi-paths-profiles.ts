import {
  bodyLimits,
  common,
  conditional,
  etagHeader,
  json,
  problem,
  profileParams,
  readOnlyDir,
  ref,
  writes,
} from "./openapi-parts.js";

/** The per-profile routes of the desired state, audits, reports and plan/apply, and the profile list. */
export function profilePaths(): Record<string, unknown> {
  return {
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
  };
}
