import { getDesired } from "../app/read-state.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { desiredResponse, handle } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/** GET /api/profiles/{sub}/{rg}/{name}/desired → the document, with its ETag. */
export const getDesiredFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "getDesired",
  methods: ["GET"],
  route: "profiles/{sub}/{rg}/{name}/desired",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) =>
      desiredResponse(200, await getDesired(rt.desired, await watchedProfileFromRoute(rt, request))),
    ),
};
