import { formatProfileKey, parseProfileKey } from "../core/profile-key.js";
import { AppError } from "./errors.js";
import type { LiveProfileSource } from "./ports/live-profile-source.js";

/**
 * The watch-list rule for a profile key that arrives in a request body (routes use
 * watchedProfileFromRoute): 400 naming `path` when it is not `{sub}/{rg}/{name}`, 404 naming it
 * when the profile is not watched. A watched profile ARM could not read right now (its failure
 * names it) still counts as watched. Returns the lower-case key; `*` passes when `allowAll`.
 */
export async function requireWatchedProfileKey(
  live: LiveProfileSource,
  key: string,
  path: string,
  allowAll = false,
): Promise<string> {
  if (allowAll && key === "*") return key;
  const parsed = parseProfileKey(key);
  if (!parsed)
    throw new AppError(
      "VALIDATION",
      `${path} must be a profile key {subscriptionId}/{resourceGroup}/{profileName}.`,
      [{ path, message: `must be {subscriptionId}/{resourceGroup}/{profileName}${allowAll ? " or *" : ""}` }],
    );
  const wanted = formatProfileKey(parsed);
  const snapshot = await live.readWatched();
  const watched = new Set([
    ...snapshot.profiles.map((p) => formatProfileKey(p.key)),
    ...snapshot.failures.flatMap((f) => f.profiles.map((p) => p.toLowerCase())),
  ]);
  if (!watched.has(wanted))
    throw new AppError("NOT_FOUND", `Profile ${wanted} is not watched by this tm-sentinel.`, [
      { path, message: "is not a watched profile" },
    ]);
  return wanted;
}
