import { drillAnnouncement } from "../../core/drill/drill-result-message.js";
import type { Drill } from "../../core/drill/drill.js";
import { parseProfileKey } from "../../core/profile-key.js";
import type { AlertDispatcher } from "../ports/alert-dispatcher.js";
import type { Clock } from "../ports/clock.js";
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
  return drillDepsOf(rt, settings, {
    ...drillAlertHooks(rt.alerts, rt.clock),
    afterFinish: async (drill) => {
      const key = parseProfileKey(drill.profile);
      if (key) await auditProfiles(rt, [key], auditOptionsFromConfig(rt.config));
    },
    ...hooks,
  });
}

/**
 * The drill's two uses of the alert pipeline: announcing a finished drill's result (once per drill,
 * through the outbox) and reading the profile's open incidents for the preflight.
 */
export function drillAlertHooks(
  alerts: AlertDispatcher | undefined,
  clock: Clock,
): Pick<DrillDeps, "announce" | "openIncidents"> {
  return {
    ...(alerts?.announce && {
      announce: async (drill: Drill) => {
        const a = drillAnnouncement(drill, clock.now());
        if (a) await alerts.announce?.(a.message, a.key);
      },
    }),
    ...(alerts?.openIncidents && {
      openIncidents: (profile: string) => alerts.openIncidents!(profile),
    }),
  };
}
