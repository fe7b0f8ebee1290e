import { isStalled, recoverDrill } from "../../core/drill/advance-drill.js";
import { mayHaveDisabledPrimary, type Drill } from "../../core/drill/drill.js";
import { describeError } from "../errors.js";
import type { DrillDeps } from "./drill-deps.js";
import { readLiveProfile } from "./observe-profile.js";

export interface RecoveredDrill {
  drill: Drill;
  /** What recovery did about the primary. */
  action: string;
}

/**
 * Closes drills whose process died (their next message is more than `stallSeconds` late): if
 * the drill disabled the primary and it is still disabled, it is re-enabled first (only then).
 * A drill whose primary cannot be re-enabled stays open, so the next run tries again.
 * Never throws for one drill; failures are in the returned actions.
 */
export async function recoverStalledDrills(deps: DrillDeps): Promise<RecoveredDrill[]> {
  const now = deps.clock.now();
  const out: RecoveredDrill[] = [];
  for (const { drill, etag } of await deps.drills.unfinished()) {
    if (!isStalled(drill, now, deps.settings.stallSeconds)) continue;
    let action = "nothing to restore";
    let restored: boolean | null = null;
    if (mayHaveDisabledPrimary(drill) && drill.primary) {
      try {
        const live = await readLiveProfile(deps, drill.profile);
        const endpoint = live.endpoints.find((e) => e.name === drill.primary!.name);
        if (endpoint && !endpoint.enabled) {
          await deps.writer.updateEndpoint(drill.profile, drill.primary, { endpointStatus: "Enabled" });
          action = `re-enabled ${drill.primary.name}, which this drill had disabled`;
        } else {
          action = `${drill.primary.name} is already Enabled`;
        }
        restored = true;
      } catch (e: unknown) {
        out.push({
          drill,
          action: `could not re-enable ${drill.primary.name} (will retry): ${describeError(e)}`,
        });
        continue;
      }
    }
    if (drill.silenceId !== undefined && deps.silences) {
      await deps.silences
        .expire(drill.silenceId, now, undefined, "tm-sentinel drill recovery")
        .catch(() => undefined);
    }
    const closed = recoverDrill(drill, action, restored, now).drill;
    try {
      const saved = await deps.drills.save(closed, etag);
      out.push({ drill: saved.drill, action });
      await deps.announce?.(saved.drill);
      await deps.afterFinish?.(saved.drill);
    } catch (e: unknown) {
      out.push({ drill, action: `${action}; could not close the drill: ${describeError(e)}` });
    }
  }
  return out;
}
