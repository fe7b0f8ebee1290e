import { getReport } from "../app/read-state.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/** GET /api/profiles/{sub}/{rg}/{name}/report → the last audit report. */
export const getReportFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "getReport",
  methods: ["GET"],
  route: "profiles/{sub}/{rg}/{name}/report",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) =>
      jsonResponse(200, await getReport(rt.reports, await watchedProfileFromRoute(rt, request))),
    ),
};
