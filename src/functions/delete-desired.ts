import type { HttpFunctionDefinition } from "./definition.js";
import { callerOf } from "./http/request.js";
import { requiredIfMatch } from "./http/preconditions.js";
import { handle } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/**
 * DELETE /api/profiles/{sub}/{rg}/{name}/desired with If-Match: stop holding a desired state (the
 * audit then reports NO_DESIRED_STATE-style findings only). 204 done; 428 without If-Match; 412
 * stale; 404 nothing stored. The history stays and records the delete.
 */
export const deleteDesiredFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "deleteDesired",
  methods: ["DELETE"],
  route: "profiles/{sub}/{rg}/{name}/desired",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      const etag = requiredIfMatch(request, "the desired state");
      await rt.desired.delete(profile, etag, callerOf(request, rt.config.host.trustPrincipalHeaders));
      return { status: 204, headers: { "cache-control": "no-store" } };
    }),
};
