import type { HttpFunctionDefinition } from "./definition.js";
import { fromHttpEtag } from "./http/etag.js";
import { callerOf } from "./http/request.js";
import { handle } from "./http/respond.js";
import { silenceIdOf, silenceResponse } from "./http/silence-response.js";

/**
 * DELETE /api/silences/{id}: expires it now (endsAt = now); it stays in the history. 200 with the
 * expired silence; 404 when unknown; 412 when If-Match is stale.
 */
export const expireSilenceFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "expireSilence",
  methods: ["DELETE"],
  route: "silences/{id}",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const ifMatch = request.headers.get("if-match")?.trim();
      const stored = await rt.silences.expire(
        silenceIdOf(request.params),
        rt.clock.now(),
        ifMatch ? fromHttpEtag(ifMatch) : undefined,
        callerOf(request, rt.config.host.trustPrincipalHeaders),
      );
      return silenceResponse(200, stored);
    }),
};
