import { formatProfileKey } from "../core/profile-key.js";
import type { ProfileKey } from "../core/profile.js";
import type { WatchEntry, WatchTag } from "../core/watch-list.js";
import { isWatchedLive, watchStandingOf } from "../core/watch-membership.js";
import { AppError } from "./errors.js";
import type { LiveProfileSource } from "./ports/live-profile-source.js";

export interface WatchPorts {
  /** TM_WATCH; empty means "whatever the live source holds" (LIVE_PROFILE_FILE, the demo). */
  watch: readonly WatchEntry[];
  tag?: WatchTag | undefined;
  live: LiveProfileSource;
}

function unwatched(profile: string): AppError {
  return new AppError(
    "NOT_FOUND",
    `${profile} is not a watched profile (TM_WATCH, TM_WATCH_TAG): check the subscription, resource group and profile name.`,
  );
}

/**
 * Resolves a (syntactically valid) profile key against the watch list and returns its lower-case
 * form. A key outside every TM_WATCH entry is refused without any read; a key inside a watched
 * subscription or resource group is checked against the live profile (it must exist, use Priority
 * routing and carry TM_WATCH_TAG when set), read from the watched subscription only.
 *
 * @throws AppError NOT_FOUND when the profile is not watched; UPSTREAM when the check itself
 *   could not be made (ARM throttled, forbidden, down); CONFIG when no live source is configured.
 */
export async function resolveWatchedProfile(ports: WatchPorts, key: ProfileKey): Promise<string> {
  const profile = formatProfileKey(key);
  const standing = ports.watch.length === 0 ? "in-scope" : watchStandingOf(ports.watch, key);
  if (standing === "outside") throw unwatched(profile);
  if (standing === "explicit") return profile;
  const snapshot = await ports.live.readProfiles([key]);
  const found = snapshot.profiles.find((p) => formatProfileKey(p.key) === profile);
  if (found) {
    if (ports.watch.length === 0 || isWatchedLive(ports.watch, ports.tag, found)) return profile;
    throw unwatched(profile);
  }
  const failure = snapshot.failures.find((f) => f.profiles.includes(profile)) ?? snapshot.failures[0];
  if (failure === undefined || failure.reason === "not-found") throw unwatched(profile);
  throw new AppError("UPSTREAM", `Could not check whether ${profile} is watched: ${failure.message}`);
}
