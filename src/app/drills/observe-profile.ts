import type { Observation } from "../../core/drill/advance-drill.js";
import type { LiveProfile } from "../../core/profile.js";
import { parseProfileKey } from "../../core/profile-key.js";
import { resolveDnsAnswer } from "../dns-truth-check.js";
import { AppError } from "../errors.js";
import type { DrillDeps } from "./drill-deps.js";

/** Reads one profile live. @throws AppError NOT_FOUND / UPSTREAM when it cannot be read. */
export async function readLiveProfile(deps: Pick<DrillDeps, "live">, profile: string): Promise<LiveProfile> {
  const key = parseProfileKey(profile);
  if (!key) throw new AppError("VALIDATION", `${profile} is not a profile key`);
  const snapshot = await deps.live.readProfiles([key]);
  const found = snapshot.profiles.find((p) =>
    p.id.toLowerCase().endsWith(`/${key.profileName.toLowerCase()}`),
  );
  if (found) return found;
  const failure = snapshot.failures[0];
  throw new AppError(
    failure ? "UPSTREAM" : "NOT_FOUND",
    failure?.message ?? `Profile ${profile} was not found.`,
  );
}

/** `name Enabled/Online, …`: what ARM says about each endpoint, for the drill's steps. */
export function describeArm(profile: LiveProfile): string {
  return profile.endpoints
    .map((e) => `${e.name} ${e.enabled ? "Enabled" : "Disabled"}/${e.monitorStatus ?? "unknown"}`)
    .join(", ");
}

/** One look at ARM and at the DNS answer of the profile's name. */
export async function observe(
  deps: Pick<DrillDeps, "live" | "dns" | "clock">,
  profile: string,
): Promise<Observation> {
  let live: LiveProfile;
  try {
    live = await readLiveProfile(deps, profile);
  } catch (e: unknown) {
    return { dnsEndpoint: undefined, arm: `unreadable (${e instanceof Error ? e.message : String(e)})` };
  }
  const answer = await resolveDnsAnswer(deps.dns, deps.clock, live);
  return {
    dnsEndpoint: answer === undefined || answer.error !== undefined ? undefined : answer.endpoint,
    arm: describeArm(live),
  };
}
