import { assertDrillsEnabled } from "../app/drills/drill-gate.js";
import { listDrills } from "../app/drills/request-drill.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/** GET /api/profiles/{sub}/{rg}/{name}/drills: the profile's drills, newest first. */
export const listDrillsFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "listDrills",
  methods: ["GET"],
  route: "profiles/{sub}/{rg}/{name}/drills",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      // The watch list first (404 for an unwatched profile), like every per-profile route.
      assertDrillsEnabled(rt.config);
      return jsonResponse(200, { drills: await listDrills(rt, profile) });
    }),
};
