import { auditListedBatch } from "../app/fan-out/audit-listed-batch.js";
import { auditWorkItem } from "../app/fan-out/audit-work-item.js";
import { AppError } from "../app/errors.js";
import { auditOptionsFromConfig, auditProfiles, type CycleError } from "../app/run-audit.js";
import { autoReconcile } from "../app/reconcile/auto-reconcile.js";
import type { QueueFunctionDefinition } from "./definition.js";

/** A report that was not saved is a lost audit: fail so the host retries the message. */
function failOnUnsaved(errors: readonly CycleError[]): void {
  const unsaved = errors.filter((e) => e.stage === "save");
  if (unsaved.length > 0)
    throw new AppError("UPSTREAM", `saving failed: ${unsaved.map((e) => e.message).join("; ")}`);
}

/**
 * Audits the profiles of one audit-queue message: the listed profiles a listed-snapshot message
 * carries, or the one profile an old-format message names (the timer's fan-out). Throwing makes the host retry
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
          auditBatch: async (batch, latest) => {
            const result = await auditListedBatch(rt, batch, options, latest);
            failOnUnsaved(result.errors ?? []);
            for (const e of result.errors ?? [])
              context.warn(
                `audit-profile: ${e.stage} failed${e.profile ? ` for ${e.profile}` : ""}: ${e.message}`,
              );
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
        case "audited-listed":
          context.log(
            `audit-profile: audited ${String(outcome.audited.length)} listed profile(s) (cycle ${outcome.cycleId})` +
              (outcome.skipped.length > 0
                ? `; ${String(outcome.skipped.length)} already had this cycle's report`
                : ""),
          );
          break;
        case "invalid":
          context.error(`audit-profile: dropped an invalid message: ${outcome.problems.join("; ")}`);
          break;
      }
    };
  },
};
