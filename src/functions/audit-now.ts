import { AppError } from "../app/errors.js";
import { auditOptionsFromConfig, auditProfiles } from "../app/run-audit.js";
import { parseProfileKey } from "../core/profile-key.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { handle, jsonResponse } from "./http/respond.js";
import { watchedProfileFromRoute } from "./http/watched-profile-route.js";

/**
 * POST /api/profiles/{sub}/{rg}/{name}/audit: audits this profile now (probes included), stores
 * the report and returns it. A profile that cannot be read still yields a report (AUDIT_ERROR).
 */
export const auditNowFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "auditNow",
  methods: ["POST"],
  route: "profiles/{sub}/{rg}/{name}/audit",
  authLevel: "function",
  create: (rt) => {
    const options = auditOptionsFromConfig(rt.config);
    return handle(async (request, context) => {
      const profile = await watchedProfileFromRoute(rt, request);
      const key = parseProfileKey(profile)!;
      const result = await auditProfiles(rt, [key], options);
      const report = result.reports.find((r) => r.profile.toLowerCase() === profile) ?? result.reports[0];
      if (!report) throw new AppError("UPSTREAM", `The audit of ${profile} produced no report.`);
      const unsaved = (result.errors ?? []).filter((e) => e.stage === "save");
      if (unsaved.length > 0)
        throw new AppError(
          "UPSTREAM",
          `The report could not be saved: ${unsaved.map((e) => e.message).join("; ")}`,
        );
      for (const e of result.errors ?? []) context.warn(`auditNow: ${e.stage} failed: ${e.message}`);
      return jsonResponse(200, report);
    });
  },
};
