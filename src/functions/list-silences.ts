import { silenceListState } from "../app/silences/silence-commands.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { handle, jsonResponse } from "./http/respond.js";
import { silenceBody } from "./http/silence-response.js";

/** GET /api/silences: active and pending; `?state=expired` for those ended in the last 30 days. */
export const listSilencesFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "listSilences",
  methods: ["GET"],
  route: "silences",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const state = silenceListState(request.query.get("state"));
      const silences = await rt.silences.list({ state, at: rt.clock.now() });
      return jsonResponse(200, { silences: silences.map(silenceBody) });
    }),
};
