import { gatherStatus } from "../app/status-page.js";
import { schedulePeriodSeconds } from "../app/schedule-period.js";
import { renderStatusPage } from "../core/status/render-status-page.js";
import { buildStatusView } from "../core/status/status-view.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { htmlResponse, keyQuery } from "./http/html-response.js";
import { handle } from "./http/respond.js";

/** GET /api/status → the status page of every watched profile (HTML, no script). */
export const getStatusFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "getStatus",
  methods: ["GET"],
  route: "status",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      const period = schedulePeriodSeconds(rt.config.host.auditSchedule, rt.clock.now());
      const input = await gatherStatus(rt, { schedulePeriodSeconds: period });
      return htmlResponse(
        200,
        renderStatusPage(buildStatusView(input), { linkQuery: keyQuery(request.query) }),
      );
    }),
};
