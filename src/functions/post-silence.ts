import { postSilence } from "../app/silences/silence-commands.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { fromHttpEtag } from "./http/etag.js";
import { callerOf, readJsonBody } from "./http/request.js";
import { handle } from "./http/respond.js";
import { silenceResponse } from "./http/silence-response.js";

/**
 * POST /api/silences: creates a silence (201 + Location) or, with the `id` of an existing one,
 * changes it (200; If-Match optional). `createdBy` from Easy Auth under the `updatedBy` rule.
 */
export const postSilenceFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "postSilence",
  methods: ["POST"],
  route: "silences",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const body = await readJsonBody(request);
      const ifMatch = request.headers.get("if-match")?.trim();
      const { stored, created } = await postSilence(rt, {
        body,
        createdBy: callerOf(request, rt.config.host.trustPrincipalHeaders),
        ...(ifMatch ? { ifMatch: fromHttpEtag(ifMatch) } : {}),
      });
      const location = `${new URL(request.url).pathname.replace(/\/+$/, "")}/${encodeURIComponent(stored.id)}`;
      return silenceResponse(created ? 201 : 200, stored, created ? { location } : {});
    }),
};
