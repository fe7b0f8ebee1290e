import { getSilence } from "../app/silences/silence-commands.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { handle } from "./http/respond.js";
import { silenceIdOf, silenceResponse } from "./http/silence-response.js";

/** GET /api/silences/{id} → the silence with its ETag; 404 when unknown. */
export const getSilenceFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "getSilence",
  methods: ["GET"],
  route: "silences/{id}",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) =>
      silenceResponse(200, await getSilence(rt.silences, silenceIdOf(request.params))),
    ),
};
