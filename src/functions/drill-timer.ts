import { drillDepsFromRuntime } from "../app/drills/drill-runtime.js";
import { recoverStalledDrills } from "../app/drills/recover-drills.js";
import { startDueDrills } from "../app/drills/scheduled-drills.js";
import type { TimerFunctionDefinition } from "./definition.js";

/**
 * On the audit schedule: closes drills whose process died (re-enabling a primary such a drill
 * left disabled) and, when TM_ENABLE_WRITE_FEATURES is on, starts scheduled drills that are due.
 */
export const drillTimerFunction: TimerFunctionDefinition = {
  kind: "timer",
  name: "drills",
  schedule: "%AUDIT_SCHEDULE%",
  runOnStartup: false,
  useMonitor: true,
  create: (rt) => async (_timer, context) => {
    const deps = drillDepsFromRuntime(rt);
    for (const r of await recoverStalledDrills(deps))
      context.warn(`drills: recovered drill ${r.drill.id} of ${r.drill.profile}: ${r.action}`);
    if (!rt.config.write.enabled) return;
    for (const r of await startDueDrills({ ...deps, desired: rt.desired }))
      context.log(`drills: scheduled drill of ${r.profile}: ${r.result}`);
  },
};
