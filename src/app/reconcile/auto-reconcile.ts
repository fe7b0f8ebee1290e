import type { DesiredState } from "../../core/desired-state.js";
import type { Finding } from "../../core/finding.js";
import type { LiveProfile } from "../../core/profile.js";
import type { ApplyRecord, Plan } from "../../core/reconcile/plan.js";
import { planReconcile } from "../../core/reconcile/plan-reconcile.js";
import type { ProbeVerdict, Report } from "../../core/report.js";
import { describeError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { DesiredStateStore } from "../ports/desired-state-store.js";
import type { TrafficManagerWriter } from "../ports/traffic-manager-writer.js";
import { executePlan } from "./execute-plan.js";

export interface ReconcileInput {
  profile: LiveProfile;
  related: ReadonlyMap<string, LiveProfile>;
  desired: DesiredState;
  verdicts?: ReadonlyMap<string, ProbeVerdict> | undefined;
  report: Report;
}

/** Runs after a profile's audit when its desired state asks for `reconcile: plan|apply`. */
export type ReconcileHook = (input: ReconcileInput) => Promise<Report>;

export interface AutoReconcilePorts {
  writer: TrafficManagerWriter;
  desired: Pick<DesiredStateStore, "get" | "recordApply">;
  clock: Clock;
  /** TM_ENABLE_WRITE_FEATURES. */
  writeEnabled: boolean;
}

const describe = (plan: Plan) =>
  plan.changes
    .map((c) => `${c.target === "profile" ? "profile" : c.name} ${c.field} → ${JSON.stringify(c.to)}`)
    .join("; ");

/**
 * The timer's auto-reconcile (docs/reconcile.md), with the verdicts of the audit that just ran:
 * `plan` attaches the plan to the report; `apply` also applies it when it has changes, no guard
 * rail blocks it and writes are enabled, records it in the desired-state history and adds a
 * finding (RECONCILE_APPLIED, RECONCILE_BLOCKED or RECONCILE_FAILED) so the alerts say what it
 * changed or why it did not. Never forced. Never throws: a failure becomes a finding.
 */
export function autoReconcile(ports: AutoReconcilePorts): ReconcileHook {
  return async ({ profile, related, desired, verdicts, report }) => {
    const mode = desired.reconcile ?? "off";
    if (mode === "off") return report;
    const plan = planReconcile({ profile, related, desired, verdicts, force: false });
    const out: Report = { ...report, plan };
    if (mode === "plan" || plan.changes.length === 0) return out;
    const add = (finding: Finding): Report => ({ ...out, findings: [...out.findings, finding] });
    if (!ports.writeEnabled)
      return add({
        code: "RECONCILE_BLOCKED",
        severity: "warning",
        message: `Auto-reconcile is set to apply, but writes are off (TM_ENABLE_WRITE_FEATURES); the plan has ${String(plan.changes.length)} change(s).`,
      });
    if (plan.blocked.length > 0)
      return add({
        code: "RECONCILE_BLOCKED",
        severity: "warning",
        message: `Auto-reconcile did not apply: ${plan.blocked.map((b) => b.message).join(" ")}`,
        actual: plan.blocked.map((b) => b.rule),
      });
    try {
      // The desired state may have changed since the cycle read it: apply only against the current one.
      const stored = await ports.desired.get(plan.profile);
      if (!stored || stored.document.reconcile !== "apply") return out;
      const current = planReconcile({ profile, related, desired: stored.document, verdicts, force: false });
      if (current.hash !== plan.hash) return out;
      const results = await executePlan(ports.writer, plan, stored.document);
      const record: ApplyRecord = {
        profile: plan.profile,
        at: ports.clock.now().toISOString(),
        appliedBy: "auto-reconcile",
        desiredVersion: stored.version,
        plan,
        results,
      };
      await ports.desired.recordApply(plan.profile, record);
      const failed = results.filter((r) => r.status === "failed");
      const applied = results.filter((r) => r.status === "applied").length;
      const finding: Finding =
        failed.length === 0
          ? {
              code: "RECONCILE_APPLIED",
              severity: "warning",
              message: `Auto-reconcile changed Traffic Manager to match the desired state: ${describe(plan)}.`,
            }
          : {
              code: "RECONCILE_FAILED",
              severity: "critical",
              message: `Auto-reconcile stopped: ${failed.map((r) => `${r.name} ${r.field}: ${r.error ?? "failed"}`).join("; ")}; ${String(applied)} of ${String(results.length)} change(s) were applied.`,
            };
      return { ...add(finding), applied: results };
    } catch (e: unknown) {
      return add({
        code: "RECONCILE_FAILED",
        severity: "critical",
        message: `Auto-reconcile failed: ${describeError(e)}`,
      });
    }
  };
}
