import { adoptLive } from "../app/adopt-live.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { callerOf, writeConditionFrom } from "./http/request.js";
import { desiredResponse, handle } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/** POST /api/profiles/{sub}/{rg}/{name}/desired/adopt: the live order becomes the desired one. */
export const adoptDesiredFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "adoptDesired",
  methods: ["POST"],
  route: "profiles/{sub}/{rg}/{name}/desired/adopt",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const { stored, created } = await adoptLive(rt, {
        profile: await watchedProfileFromRoute(rt, request),
        condition: writeConditionFrom(request),
        updatedBy: callerOf(request, rt.config.host.trustPrincipalHeaders),
      });
      return desiredResponse(created ? 201 : 200, stored);
    }),
};
