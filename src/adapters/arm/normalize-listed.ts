import type { ReadFailure } from "../../app/ports/live-profile-source.js";
import { normalizeProfile, ProfileFormatError } from "../../core/normalize-profile.js";
import { formatProfileKey, profileKeyFromId } from "../../core/profile-key.js";
import type { LiveProfile } from "../../core/profile.js";
import type { WatchEntry } from "../../core/watch-list.js";

/**
 * Normalises a listing item by item: one profile ARM describes in a way we cannot read (a new
 * endpoint type, a TCP monitor without a port) becomes a `malformed` failure for that profile
 * only, and the others of the subscription are still audited. The failure names the profile as
 * hidden (so it gets an AUDIT_ERROR) when the watch list names it or it says Priority routing.
 */
export function normalizeListed(
  items: readonly unknown[],
  entries: readonly WatchEntry[],
  what: string,
): { profiles: LiveProfile[]; failures: ReadFailure[] } {
  const profiles: LiveProfile[] = [];
  const failures: ReadFailure[] = [];
  items.forEach((item, i) => {
    try {
      profiles.push(normalizeProfile(item));
    } catch (e: unknown) {
      if (!(e instanceof ProfileFormatError)) throw e;
      // The SDK flattens `properties`; raw ARM JSON keeps them nested.
      const raw = item as {
        id?: unknown;
        trafficRoutingMethod?: unknown;
        properties?: { trafficRoutingMethod?: unknown };
      } | null;
      const key = typeof raw?.id === "string" ? profileKeyFromId(raw.id) : undefined;
      const scope = key ? formatProfileKey(key) : `${what} item ${String(i)}`;
      const explicit = entries.some((x) => x.kind === "profile" && key && formatProfileKey(x.key) === scope);
      const method = raw?.trafficRoutingMethod ?? raw?.properties?.trafficRoutingMethod;
      const priority = typeof method === "string" && method.toLowerCase() === "priority";
      failures.push({
        scope,
        profiles: key && (explicit || priority) ? [scope] : [],
        reason: "malformed",
        message: `ARM describes profile ${scope} in a way tm-sentinel cannot read: ${e.message}`,
      });
    }
  });
  return { profiles, failures };
}
