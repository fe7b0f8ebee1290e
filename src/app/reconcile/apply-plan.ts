import { WRITE_FEATURES_SETTING } from "../write-features.js";
import type { ApplyRecord } from "../../core/reconcile/plan.js";
import { AppError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { DesiredStateStore } from "../ports/desired-state-store.js";
import type { TrafficManagerWriter } from "../ports/traffic-manager-writer.js";
import { checkWriteCondition, type WriteCondition } from "../write-desired.js";
import { executePlan } from "./execute-plan.js";
import { planProfile, type PlanPorts } from "./plan-profile.js";

export interface ApplyPorts extends PlanPorts {
  desired: DesiredStateStore;
  writer: TrafficManagerWriter;
  clock: Clock;
  /** TM_ENABLE_WRITE_FEATURES. */
  writeEnabled: boolean;
}

export interface ApplyCommand {
  profile: string;
  /** The desired state the caller planned against (HTTP If-Match); `{kind:"match",etag:"*"}` skips the check. */
  condition: WriteCondition;
  /** The hash of the plan the caller reviewed; undefined applies whatever the plan is now (CLI --yes). */
  planHash: string | undefined;
  force: boolean;
  appliedBy: string;
}

export const writesOff = (): AppError =>
  new AppError(
    "FORBIDDEN",
    `Applying plans writes to Traffic Manager, which is switched off: set ${WRITE_FEATURES_SETTING}=true ` +
      "(infra then also grants the app's identity Traffic Manager Contributor).",
  );

/**
 * Re-plans from what is true now and applies only if it is the plan the caller saw. Order of
 * checks, each before any ARM write: writes enabled (403), desired-state ETag (428/412), plan hash
 * (409: the live profile or the probe verdicts changed), guard rails (422). Then the writes, in the
 * plan's order, and one apply record in the desired-state history.
 */
export async function applyPlan(ports: ApplyPorts, cmd: ApplyCommand): Promise<ApplyRecord> {
  if (!ports.writeEnabled) throw writesOff();
  if (cmd.condition.kind === "none")
    throw new AppError(
      "PRECONDITION_REQUIRED",
      `Send If-Match with the ETag of the desired state of ${cmd.profile} you planned against.`,
    );
  if (cmd.condition.kind === "create")
    throw new AppError("VALIDATION", "Apply takes If-Match (the desired state's ETag), not If-None-Match.");
  await checkWriteCondition(ports.desired, cmd.profile, cmd.condition);
  const { plan, desired } = await planProfile(ports, { profile: cmd.profile, force: cmd.force });
  if (cmd.condition.etag !== "*" && desired.etag !== cmd.condition.etag)
    throw new AppError(
      "PRECONDITION_FAILED",
      `The desired state of ${cmd.profile} changed while planning; plan again.`,
    );
  if (cmd.planHash !== undefined && cmd.planHash !== plan.hash)
    throw new AppError(
      "CONFLICT",
      `The plan changed since it was made (live profile or probe verdicts differ; now ${plan.hash}); ` +
        "review the new plan and apply that one. Nothing was written.",
    );
  if (plan.blocked.length > 0)
    throw new AppError(
      "UNPROCESSABLE",
      `Guard rails block this plan: ${plan.blocked.map((b) => `${b.rule}: ${b.message}`).join(" ")} Nothing was written.`,
      plan.blocked.map((b) => ({ path: `$.blocked.${b.rule}`, message: b.message })),
    );
  const results = await executePlan(ports.writer, plan, desired.document);
  const record: ApplyRecord = {
    profile: plan.profile,
    at: ports.clock.now().toISOString(),
    appliedBy: cmd.appliedBy,
    desiredVersion: desired.version,
    plan,
    results,
  };
  if (plan.changes.length > 0) await ports.desired.recordApply(plan.profile, record);
  return record;
}
