import type { AppConfig } from "../../config/load-config.js";
import { parseProfileKey } from "../../core/profile-key.js";
import { auditOptionsFromConfig, auditProfiles, type AuditDeps } from "../run-audit.js";
import { drillDepsOf, type DrillDeps, type DrillRuntimeParts } from "./drill-deps.js";

export type DrillRuntime = DrillRuntimeParts & AuditDeps & { config: AppConfig };

/**
 * Drill deps from the Runtime and its settings. Unless a hook says otherwise, a finished drill
 * audits its profile at once, so DRILL_FAILED / DRILL_PASSED reach the alert channels now.
 */
export function drillDepsFromRuntime(
  rt: DrillRuntime,
  hooks: Pick<DrillDeps, "afterFinish" | "onStep" | "newId"> = {},
): DrillDeps {
  const settings = { ...rt.config.drills, probe: rt.config.probe.enabled };
  return drillDepsOf(rt, settings, {
    afterFinish: async (drill) => {
      const key = parseProfileKey(drill.profile);
      if (key) await auditProfiles(rt, [key], auditOptionsFromConfig(rt.config));
    },
    ...hooks,
  });
}
