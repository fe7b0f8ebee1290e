import { assertDrillsEnabled } from "../app/drills/drill-gate.js";
import { getDrill } from "../app/drills/request-drill.js";
import { AppError } from "../app/errors.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/** GET /api/profiles/{sub}/{rg}/{name}/drills/{id}: one drill, its steps so far and its result. */
export const getDrillFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "getDrill",
  methods: ["GET"],
  route: "profiles/{sub}/{rg}/{name}/drills/{id}",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      // The watch list first (404 for an unwatched profile), like every per-profile route.
      assertDrillsEnabled(rt.config);
      const id = request.params["id"] ?? "";
      if (!/^[A-Za-z0-9-]{1,64}$/.test(id))
        throw new AppError("VALIDATION", "The drill id is invalid.", [
          { path: "id", message: "must be 1–64 letters, digits or hyphens" },
        ]);
      return jsonResponse(200, await getDrill(rt, profile, id));
    }),
};
