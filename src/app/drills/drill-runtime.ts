import { drillAnnouncement } from "../../core/drill/drill-result-message.js";
import { parseProfileKey } from "../../core/profile-key.js";
import {
  auditOptionsFromConfig,
  auditProfiles,
  type AuditDeps,
  type AuditProbeSettings,
} from "../run-audit.js";
import { drillDepsOf, type DrillDeps, type DrillRuntimeParts, type DrillSettings } from "./drill-deps.js";

/** The parts of the Runtime and its settings a drill needs (the Runtime satisfies it). */
export type DrillRuntime = DrillRuntimeParts &
  AuditDeps & { config: { drills: DrillSettings; probe: AuditProbeSettings } };

/**
 * Drill deps from the Runtime and its settings. Unless a hook says otherwise, a finished drill
 * audits its profile at once, so DRILL_FAILED / DRILL_PASSED reach the alert channels now.
 */
export function drillDepsFromRuntime(
  rt: DrillRuntime,
  hooks: Pick<DrillDeps, "afterFinish" | "onStep" | "newId"> = {},
): DrillDeps {
  const settings = { ...rt.config.drills, probe: rt.config.probe.enabled };
  const alerts = rt.alerts;
  return drillDepsOf(rt, settings, {
    ...(alerts?.announce && {
      announce: async (drill) => {
        const a = drillAnnouncement(drill, rt.clock.now());
        if (a) await alerts.announce?.(a.message, a.severity, a.key);
      },
    }),
    ...(alerts?.openIncidents && {
      openIncidents: (profile: string) => alerts.openIncidents!(profile),
    }),
    afterFinish: async (drill) => {
      const key = parseProfileKey(drill.profile);
      if (key) await auditProfiles(rt, [key], auditOptionsFromConfig(rt.config));
    },
    ...hooks,
  });
}
