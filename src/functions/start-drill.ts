import { assertDrillsEnabled } from "../app/drills/drill-gate.js";
import { drillDepsFromRuntime } from "../app/drills/drill-runtime.js";
import { requestDrill } from "../app/drills/request-drill.js";
import { drillResult } from "../core/drill/drill.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { drillRequestSchema } from "./http/api-schemas-drills.js";
import { parseBody } from "./http/parse-body.js";
import { readJsonBody } from "./http/request.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/**
 * POST /api/profiles/{sub}/{rg}/{name}/drills: starts a failover drill (body `{ "dryRun"?: boolean }`)
 * and answers 202 with its Location at once; the steps run on the drill queue. 409 while another
 * drill runs on the profile; 403 unless TM_ENABLE_WRITE_FEATURES=true.
 */
export const startDrillFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "startDrill",
  methods: ["POST"],
  route: "profiles/{sub}/{rg}/{name}/drills",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      // The watch list first (404 for an unwatched profile), like every per-profile route.
      assertDrillsEnabled(rt.config);
      const hasBody = request.body !== null && request.headers.get("content-length") !== "0";
      const body = parseBody(drillRequestSchema, hasBody ? await readJsonBody(request) : {}, "drill request");
      const drill = await requestDrill(drillDepsFromRuntime(rt), {
        profile,
        dryRun: body.dryRun ?? false,
        trigger: "http",
      });
      const { sub, rg, name } = request.params;
      const location = `/api/profiles/${sub}/${rg}/${name}/drills/${drill.id}`;
      return jsonResponse(202, drillResult(drill), { location });
    }),
};
