import { AppError } from "../app/errors.js";
import { applyPlan, writesOff } from "../app/reconcile/apply-plan.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { applyRequestSchema } from "./http/api-schemas-reconcile.js";
import { parseBody } from "./http/parse-body.js";
import { callerOf, readJsonBody, writeConditionFrom } from "./http/request.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/**
 * POST /api/profiles/{sub}/{rg}/{name}/apply with If-Match (the desired state's ETag from …/plan)
 * and `{ planHash }`: applies the plan only if it is still the same plan. 403 while
 * TM_ENABLE_WRITE_FEATURES is off, 412 when the desired state changed, 409 when the live profile or
 * the probe verdicts changed (nothing written), 422 when a guard rail blocks, 502 when a write
 * failed (the record says which). Answers the apply record kept in the desired-state history.
 */
export const applyPlanFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "applyPlan",
  methods: ["POST"],
  route: "profiles/{sub}/{rg}/{name}/apply",
  authLevel: "function",
  create: (rt) =>
    handle(async (request) => {
      // The watch list first (404 for an unwatched profile), like every per-profile route; then
      // the write switch, before anything beyond the watch check is read.
      const profile = await watchedProfileFromRoute(rt, request);
      if (!rt.config.write.enabled) throw writesOff();
      const condition = writeConditionFrom(request);
      const body = parseBody(applyRequestSchema, await readJsonBody(request), "apply request");
      const record = await applyPlan(
        { ...rt, writeEnabled: rt.config.write.enabled },
        {
          profile,
          condition,
          planHash: body.planHash,
          force: body.force === true,
          appliedBy: callerOf(request, rt.config.host.trustPrincipalHeaders),
        },
      );
      const failed = record.results.filter((r) => r.status === "failed");
      if (failed.length > 0)
        throw new AppError(
          "UPSTREAM",
          `Traffic Manager refused a write; ${String(record.results.filter((r) => r.status === "applied").length)} of ${String(record.results.length)} changes were applied (recorded in the desired-state history). Plan again to see what is left.`,
          record.results.flatMap((r, i) =>
            r.status === "applied"
              ? []
              : [
                  {
                    path: `$.results[${i}]`,
                    message: `${r.name} ${r.field}: ${r.status}${r.error ? ` (${r.error})` : ""}`,
                  },
                ],
          ),
        );
      return jsonResponse(200, record);
    }),
};
