import { formatProfileKey } from "./profile-key.js";
import type { LiveProfile, ProfileKey } from "./profile.js";
import { selectWatched, type WatchEntry, type WatchTag } from "./watch-list.js";

/**
 * Where a profile key stands against TM_WATCH without reading anything:
 * - `explicit`: named by its resource ID, watched whatever ARM says;
 * - `in-scope`: inside a watched subscription or resource group, watched only if the live profile
 *   is a Priority profile (carrying TM_WATCH_TAG when set), so ARM must be asked;
 * - `outside`: no entry covers it; nothing may be read for it.
 */
export type WatchStanding = "explicit" | "in-scope" | "outside";

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function watchStandingOf(entries: readonly WatchEntry[], key: ProfileKey): WatchStanding {
  const wanted = formatProfileKey(key);
  if (entries.some((e) => e.kind === "profile" && formatProfileKey(e.key) === wanted)) return "explicit";
  const covered = entries.some(
    (e) =>
      e.kind !== "profile" &&
      same(e.subscriptionId, key.subscriptionId) &&
      (e.kind === "subscription" || same(e.resourceGroup, key.resourceGroup)),
  );
  return covered ? "in-scope" : "outside";
}

/** Whether the live profile is one the watch list audits (the same rule as the scheduled audit). */
export function isWatchedLive(
  entries: readonly WatchEntry[],
  tag: WatchTag | undefined,
  profile: LiveProfile,
): boolean {
  return selectWatched(entries, tag, [profile]).watched.length > 0;
}
