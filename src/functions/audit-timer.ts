import { runScheduledAudit } from "../app/fan-out/scheduled-audit.js";
import { autoReconcile } from "../app/reconcile/auto-reconcile.js";
import { auditOptionsFromConfig, cycleFromSnapshot } from "../app/run-audit.js";
import type { TimerFunctionDefinition } from "./definition.js";

/**
 * The scheduled audit (`AUDIT_SCHEDULE`, NCRONTAB, UTC). Up to FANOUT_THRESHOLD profiles are
 * audited here as in `audit --once`; above it the profiles are enqueued for `audit-profile`.
 */
export const auditTimerFunction: TimerFunctionDefinition = {
  kind: "timer",
  name: "audit",
  schedule: "%AUDIT_SCHEDULE%",
  runOnStartup: false,
  useMonitor: true,
  create: (rt) => {
    const options = auditOptionsFromConfig(rt.config);
    const reconcile = autoReconcile({ ...rt, writeEnabled: rt.config.write.enabled });
    return async (timer, context) => {
      context.log(`audit timer fired; isPastDue=${String(timer.isPastDue)}`);
      if (timer.isPastDue)
        context.warn("audit timer is past due: a scheduled run was missed (host down or busy)");
      const result = await runScheduledAudit(
        {
          clock: rt.clock,
          live: rt.live,
          reports: rt.reports,
          alerts: rt.alerts,
          queue: rt.auditQueue,
          desired: rt.desired,
          auditInline: cycleFromSnapshot({ ...rt, reconcile }, options),
        },
        { fanoutThreshold: rt.config.host.fanoutThreshold },
      );
      if (result.poison.reported.length > 0)
        context.warn(
          `audit: ${String(result.poison.reported.length)} poisoned audit(s) reported as AUDIT_ERROR`,
        );
      if (result.poison.unreadable > 0)
        context.warn(`audit: removed ${String(result.poison.unreadable)} unreadable poison message(s)`);
      for (const e of result.mode === "inline" ? result.errors : [])
        context.error(`audit: ${e.stage} failed${e.profile ? ` for ${e.profile}` : ""}: ${e.message}`);
      context.log(
        result.mode === "inline"
          ? `audit: audited ${String(result.profiles)} profile(s) in this invocation`
          : `audit: cycle ${result.cycleId} enqueued ${String(result.enqueued)} profile(s) for audit-profile` +
              ` in ${String(result.messages)} message(s)` +
              (result.unreadable > 0
                ? `; ${String(result.unreadable)} could not be listed (AUDIT_ERROR)`
                : ""),
      );
    };
  },
};
