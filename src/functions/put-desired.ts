import { putDesired } from "../app/put-desired.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { callerOf, flag, readJsonBody, writeConditionFrom } from "./http/request.js";
import { desiredResponse, handle } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/**
 * PUT /api/profiles/{sub}/{rg}/{name}/desired. If-None-Match: * creates, If-Match replaces;
 * 201 on create, 200 on replace, both with the stored document and its new ETag.
 */
export const putDesiredFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "putDesired",
  methods: ["PUT"],
  route: "profiles/{sub}/{rg}/{name}/desired",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      const condition = writeConditionFrom(request);
      const body = await readJsonBody(request);
      const { stored, created } = await putDesired(rt, {
        profile,
        body,
        condition,
        allowUnknownEndpoints: flag(request, "allowUnknownEndpoints"),
        updatedBy: callerOf(request, rt.config.host.trustPrincipalHeaders),
      });
      return desiredResponse(
        created ? 201 : 200,
        stored,
        created ? { location: new URL(request.url).pathname } : {},
      );
    }),
};
