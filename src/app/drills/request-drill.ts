import { finish } from "../../core/drill/advance-drill.js";
import { drillResult, newDrill, type Drill, type DrillResult } from "../../core/drill/drill.js";
import { AppError, describeError } from "../errors.js";
import type { DrillDeps } from "./drill-deps.js";

export interface DrillRequest {
  /** Profile key, lower case (from watchedProfileFromRoute or the CLI). */
  profile: string;
  dryRun: boolean;
  trigger: "http" | "cli" | "schedule";
}

/**
 * Starts a drill: stores it with the profile's lease (CONFLICT when another drill runs) and sends
 * its first message. Returns at once; the steps run on the drill queue.
 * @throws AppError CONFLICT when another drill holds the profile; UPSTREAM when storage fails.
 */
export async function requestDrill(deps: DrillDeps, request: DrillRequest): Promise<Drill> {
  const drill = newDrill({
    id: deps.newId ? deps.newId() : globalThis.crypto.randomUUID(),
    profile: request.profile,
    dryRun: request.dryRun,
    trigger: request.trigger,
    now: deps.clock.now(),
    deadlineSeconds: deps.settings.deadlineSeconds ?? 300,
    pollSeconds: deps.settings.pollSeconds,
  });
  const stored = await deps.drills.start(drill);
  try {
    await deps.queue.send({ profile: drill.profile, drillId: drill.id, seq: drill.seq }, 0);
  } catch (e: unknown) {
    // Nothing was written to Traffic Manager yet: close the drill so its lease does not block the next.
    const closed = finish(drill, deps.clock.now(), {
      outcome: "aborted",
      reason: `could not queue the first step: ${describeError(e)}`,
    }).drill;
    await deps.drills.save(closed, stored.etag).catch(() => undefined);
    throw new AppError("UPSTREAM", `The drill could not be queued: ${describeError(e)}`, [], { cause: e });
  }
  return stored.drill;
}

export async function getDrill(
  deps: Pick<DrillDeps, "drills">,
  profile: string,
  id: string,
): Promise<DrillResult> {
  const stored = await deps.drills.get(profile, id);
  if (!stored) throw new AppError("NOT_FOUND", `Profile ${profile} has no drill ${id}.`);
  return drillResult(stored.drill);
}

/** The profile's drill history, newest first. */
export async function listDrills(
  deps: Pick<DrillDeps, "drills">,
  profile: string,
  limit = 50,
): Promise<DrillResult[]> {
  return (await deps.drills.list(profile, limit)).map(drillResult);
}
