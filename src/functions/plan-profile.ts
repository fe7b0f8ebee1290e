import { planProfile } from "../app/reconcile/plan-profile.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { toHttpEtag } from "./http/etag.js";
import { flag } from "./http/request.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/**
 * POST /api/profiles/{sub}/{rg}/{name}/plan[?force=true]: the changes that would make Traffic
 * Manager match the desired state, with guard rails and a hash. Reads only. The ETag is the
 * desired state's: send it back as If-Match with the hash to apply exactly this plan.
 */
export const planProfileFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "planProfile",
  methods: ["POST"],
  route: "profiles/{sub}/{rg}/{name}/plan",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      const { plan, desired } = await planProfile(rt, { profile, force: flag(request, "force") });
      return jsonResponse(200, plan, {
        etag: toHttpEtag(desired.etag),
        "x-desired-version": String(desired.version),
      });
    }),
};
