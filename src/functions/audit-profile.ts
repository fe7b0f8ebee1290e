import { auditWorkItem } from "../app/fan-out/audit-work-item.js";
import { AppError } from "../app/errors.js";
import { autoReconcile } from "../app/reconcile/auto-reconcile.js";
import { auditOptionsFromConfig, auditProfiles } from "../app/run-audit.js";
import type { QueueFunctionDefinition } from "./definition.js";

/**
 * Audits one profile per audit-queue message (the timer's fan-out). Throwing makes the host retry
 * the message (host.json `maxDequeueCount`) and then move it to `<queue>-poison`, which the next
 * timer cycle turns into an AUDIT_ERROR report.
 */
export const auditProfileFunction: QueueFunctionDefinition = {
  kind: "queue",
  name: "audit-profile",
  queueName: "%AUDIT_QUEUE%",
  connection: "AzureWebJobsStorage",
  create: (rt) => {
    const options = auditOptionsFromConfig(rt.config);
    // Fanned-out audits are the timer's cycle too: same auto-reconcile.
    const reconcile = autoReconcile({ ...rt, writeEnabled: rt.config.write.enabled });
    return async (message, context) => {
      const outcome = await auditWorkItem(
        {
          reports: rt.reports,
          auditProfiles: async (keys) => {
            const result = await auditProfiles({ ...rt, reconcile }, keys, options);
            const unsaved = (result.errors ?? []).filter((e) => e.stage === "save");
            // A report that was not saved is a lost audit: fail so the host retries the message.
            if (unsaved.length > 0)
              throw new AppError(
                "UPSTREAM",
                `saving the report failed: ${unsaved.map((e) => e.message).join("; ")}`,
              );
            for (const e of result.errors ?? [])
              context.warn(`audit-profile: ${e.stage} failed: ${e.message}`);
          },
        },
        message,
      );
      switch (outcome.status) {
        case "audited":
          context.log(`audit-profile: audited ${outcome.item.profile} (cycle ${outcome.item.cycleId})`);
          break;
        case "already-audited":
          context.log(
            `audit-profile: ${outcome.item.profile} already has a report from ${outcome.reportGeneratedAt}; skipped redelivery`,
          );
          break;
        case "invalid":
          context.error(`audit-profile: dropped an invalid message: ${outcome.problems.join("; ")}`);
          break;
      }
    };
  },
};
