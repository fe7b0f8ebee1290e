import type { DesiredState } from "../../core/desired-state.js";
import type { ApplyResult, Plan, PlanChange } from "../../core/reconcile/plan.js";
import { describeError } from "../errors.js";
import type { ProfilePatch, TrafficManagerWriter } from "../ports/traffic-manager-writer.js";

/**
 * Sends a plan's changes in its order: one endpoint PATCH per endpoint change (so priorities stay
 * unique after each), then one profile PATCH for every profile change, its values taken from the
 * desired document (the plan hides header values). Stops at the first failure; the rest are
 * reported `skipped`. Never throws for a failed write: the results say what happened.
 */
export async function executePlan(
  writer: TrafficManagerWriter,
  plan: Plan,
  desired: DesiredState,
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  let failed = false;
  const record = (c: PlanChange, status: ApplyResult["status"], error?: string) =>
    results.push({
      target: c.target,
      name: c.name,
      field: c.field,
      to: c.to,
      status,
      ...(error ? { error } : {}),
    });
  const endpointChanges = plan.changes.filter((c) => c.target === "endpoint");
  const profileChanges = plan.changes.filter((c) => c.target === "profile");
  for (const change of endpointChanges) {
    if (failed) {
      record(change, "skipped");
      continue;
    }
    try {
      const patch =
        change.field === "priority"
          ? { priority: change.to as number }
          : { endpointStatus: change.to as "Enabled" | "Disabled" };
      await writer.updateEndpoint(plan.profile, { type: change.endpointType!, name: change.name }, patch);
      record(change, "applied");
    } catch (e: unknown) {
      failed = true;
      record(change, "failed", describeError(e));
    }
  }
  if (profileChanges.length > 0) {
    if (failed) profileChanges.forEach((c) => record(c, "skipped"));
    else {
      try {
        await writer.updateProfile(plan.profile, profilePatch(profileChanges, desired));
        profileChanges.forEach((c) => record(c, "applied"));
      } catch (e: unknown) {
        profileChanges.forEach((c) => record(c, "failed", describeError(e)));
      }
    }
  }
  return results;
}

function profilePatch(changes: readonly PlanChange[], desired: DesiredState): ProfilePatch {
  const patch: ProfilePatch = {};
  const monitor: Record<string, unknown> = {};
  for (const change of changes) {
    if (change.field === "ttl") patch.ttl = change.to as number;
    else if (change.field.startsWith("monitorConfig.")) {
      const key = change.field.slice("monitorConfig.".length) as keyof NonNullable<DesiredState["monitor"]>;
      monitor[key] = desired.monitor?.[key];
    }
  }
  if (Object.keys(monitor).length > 0) patch.monitorConfig = monitor;
  return patch;
}
