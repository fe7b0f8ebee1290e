import { validateDesiredState } from "../core/desired-schema.js";
import { desiredFromLive } from "../core/desired-from-live.js";
import { AppError } from "./errors.js";
import type { DesiredStateStore } from "./ports/desired-state-store.js";
import type { LiveProfileSource } from "./ports/live-profile-source.js";
import { readLiveProfile } from "./put-desired.js";
import {
  checkWriteCondition,
  writeDesired,
  type WriteCondition,
  type WriteOutcome,
} from "./write-desired.js";

/**
 * Makes the live order, enabled flags, monitor settings and TTL the desired state, keeping the
 * stored vanity domains. Same concurrency rules as a PUT.
 */
export async function adoptLive(
  ports: { desired: DesiredStateStore; live: LiveProfileSource },
  cmd: { profile: string; condition: WriteCondition; updatedBy: string },
): Promise<WriteOutcome> {
  const current = await checkWriteCondition(ports.desired, cmd.profile, cmd.condition);
  const live = await readLiveProfile(ports.live, cmd.profile);
  const keep = current?.document.vanityDomains;
  const mode = current?.document.reconcile;
  const validation = validateDesiredState(
    desiredFromLive(live, { ...(keep ? { vanityDomains: keep } : {}), ...(mode ? { reconcile: mode } : {}) }),
  );
  if (!validation.ok)
    throw new AppError(
      "UNPROCESSABLE",
      `The live profile ${cmd.profile} cannot be adopted as it is.`,
      validation.issues,
    );
  return writeDesired(ports.desired, cmd.profile, validation.value, cmd.condition, cmd.updatedBy);
}
