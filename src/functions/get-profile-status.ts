import { gatherStatus } from "../app/status-page.js";
import { schedulePeriodSeconds } from "../app/schedule-period.js";
import { renderStatusPage } from "../core/status/render-status-page.js";
import { buildStatusView } from "../core/status/status-view.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { htmlResponse, keyQuery } from "./http/html-response.js";
import { handle } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/** GET /api/status/{sub}/{rg}/{name} → one watched profile's status page (HTML, no script). */
export const getProfileStatusFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "getProfileStatus",
  methods: ["GET"],
  route: "status/{sub}/{rg}/{name}",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const profile = await watchedProfileFromRoute(rt, request);
      const period = schedulePeriodSeconds(rt.config.host.auditSchedule, rt.clock.now());
      const input = await gatherStatus(rt, { profile, schedulePeriodSeconds: period });
      return htmlResponse(
        200,
        renderStatusPage(buildStatusView(input), { linkQuery: keyQuery(request.query) }),
      );
    }),
};
