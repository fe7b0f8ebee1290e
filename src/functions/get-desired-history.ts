import { desiredHistory } from "../app/desired-history.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { toHttpEtag } from "./http/etag.js";
import { encodeToken, historyQueryFrom } from "./http/history-paging.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/**
 * GET /api/profiles/{sub}/{rg}/{name}/desired/history?top=&continuation= → versions newest first,
 * each with who wrote it and when, its document and the plans applied from it. `continuation` is
 * set while older versions remain. An empty list (not 404) when nothing was ever stored.
 */
export const getDesiredHistoryFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "getDesiredHistory",
  methods: ["GET"],
  route: "profiles/{sub}/{rg}/{name}/desired/history",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      const query = historyQueryFrom(request);
      const page = await desiredHistory(rt.desired, profile, query);
      return jsonResponse(200, {
        profile: page.profile,
        versions: page.versions.map((v) => (v.etag === undefined ? v : { ...v, etag: toHttpEtag(v.etag) })),
        ...(page.nextBeforeVersion !== undefined
          ? { continuation: encodeToken(page.nextBeforeVersion) }
          : {}),
      });
    }),
};
