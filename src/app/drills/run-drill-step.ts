import type { Drill } from "../../core/drill/drill.js";
import type { DrillMessage } from "../ports/drill-queue.js";
import { DrillStoreConflict } from "../ports/drill-store.js";
import type { DrillDeps } from "./drill-deps.js";
import { performPhase } from "./perform-phase.js";

export type DrillStepOutcome =
  | { status: "advanced"; drill: Drill }
  | { status: "finished"; drill: Drill }
  | { status: "stale"; reason: string };

/**
 * Handles one drill-queue message: loads the drill, runs its current phase, saves the next state
 * on the ETag it read and sends the next message with the phase's wait as visibility delay.
 * A message whose `seq` is not the drill's (a duplicate or redelivery after the state moved on)
 * is dropped. A crash before the save makes the queue redeliver: every phase is safe to repeat.
 */
export async function runDrillStep(deps: DrillDeps, message: DrillMessage): Promise<DrillStepOutcome> {
  const stored = await deps.drills.get(message.profile, message.drillId);
  if (!stored) return { status: "stale", reason: `drill ${message.drillId} does not exist` };
  if (stored.drill.phase === "done") {
    // A redelivery after the finishing save: the result may not have been announced yet.
    await deps.announce?.(stored.drill);
    return { status: "stale", reason: `drill ${message.drillId} is finished` };
  }
  if (stored.drill.seq !== message.seq)
    return { status: "stale", reason: `message seq ${message.seq} but drill is at ${stored.drill.seq}` };
  let etag = stored.etag;
  const persist = async (d: Drill): Promise<Drill> => {
    const saved = await deps.drills.save(d, etag);
    etag = saved.etag;
    return saved.drill;
  };
  let saved: Drill;
  try {
    const transition = await performPhase(deps, stored.drill, persist);
    saved = await persist(transition.drill);
    deps.onStep?.(saved);
    if (transition.delaySeconds === undefined) {
      await deps.announce?.(saved);
      await deps.afterFinish?.(saved);
      return { status: "finished", drill: saved };
    }
    await deps.queue.send(
      { profile: saved.profile, drillId: saved.id, seq: saved.seq },
      transition.delaySeconds,
    );
  } catch (e: unknown) {
    if (e instanceof DrillStoreConflict)
      return { status: "stale", reason: "another message advanced the drill" };
    throw e;
  }
  return { status: "advanced", drill: saved };
}
