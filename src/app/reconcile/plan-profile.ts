import { parseProfileKey, formatProfileKey } from "../../core/profile-key.js";
import type { LiveProfile } from "../../core/profile.js";
import type { Plan } from "../../core/reconcile/plan.js";
import { planReconcile } from "../../core/reconcile/plan-reconcile.js";
import type { ProbeVerdict } from "../../core/report.js";
import { AppError } from "../errors.js";
import type { DesiredStateStore, StoredDesiredState } from "../ports/desired-state-store.js";
import type { LiveProfileSource } from "../ports/live-profile-source.js";
import type { ReportStore } from "../ports/report-store.js";

export interface PlanPorts {
  live: LiveProfileSource;
  desired: Pick<DesiredStateStore, "get">;
  reports: Pick<ReportStore, "latest">;
}

export interface PlannedProfile {
  plan: Plan;
  /** The desired state the plan was made against (its ETag guards apply). */
  desired: StoredDesiredState;
}

/**
 * Plans one profile: the stored desired state, the live profile read now, and the probe verdicts
 * of the latest report (so plan and apply see the same verdicts until the next audit).
 * @throws AppError NOT_FOUND without a desired state or live profile; UPSTREAM when ARM fails.
 */
export async function planProfile(
  ports: PlanPorts,
  cmd: { profile: string; force: boolean },
): Promise<PlannedProfile> {
  const desired = await ports.desired.get(cmd.profile);
  if (!desired)
    throw new AppError(
      "NOT_FOUND",
      `No desired state is stored for ${cmd.profile}: PUT one (or adopt the live order) before planning.`,
    );
  const [{ profile, related }, report] = await Promise.all([
    readOne(ports.live, cmd.profile),
    ports.reports.latest(cmd.profile),
  ]);
  const verdicts = new Map<string, ProbeVerdict>();
  for (const e of report?.endpoints ?? []) if (e.probe) verdicts.set(e.name, e.probe);
  const plan = planReconcile({ profile, related, desired: desired.document, verdicts, force: cmd.force });
  return { plan, desired };
}

async function readOne(
  live: LiveProfileSource,
  profile: string,
): Promise<{ profile: LiveProfile; related: ReadonlyMap<string, LiveProfile> }> {
  const key = parseProfileKey(profile);
  if (!key) throw new AppError("VALIDATION", `Invalid profile key ${profile}.`);
  const snapshot = await live.readProfiles([key]);
  const found = snapshot.profiles.find((p) => formatProfileKey(p.key) === profile.toLowerCase());
  // A nested child that could not be read would hide its health from the guard rails.
  const failure = snapshot.failures[0];
  if (found && !failure) return { profile: found, related: snapshot.related };
  if (!found && (!failure || failure.reason === "not-found"))
    throw new AppError(
      "NOT_FOUND",
      `Profile ${profile} was not found live${failure ? `: ${failure.message}` : ""}.`,
    );
  throw new AppError(
    "UPSTREAM",
    `The live profile ${profile} could not be read completely: ${failure!.message}`,
  );
}
