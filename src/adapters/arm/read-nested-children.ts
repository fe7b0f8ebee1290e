import type { ReadFailure } from "../../app/ports/live-profile-source.js";
import { formatProfileKey, profileKeyFromId } from "../../core/profile-key.js";
import type { LiveProfile, ProfileKey } from "../../core/profile.js";

/** Traffic Manager allows 10 levels of nesting; deeper means a loop or bad data. */
const MAX_DEPTH = 10;

type GetOne = (
  key: ProfileKey,
  owners: string[],
) => Promise<{ profile: LiveProfile } | { failure: ReadFailure }>;

/**
 * Completes `related` with every child profile the watched profiles' nested endpoints point at,
 * level by level. A child already read (same listing) costs nothing; one in a subscription that
 * was listed but did not contain it is missing; any other child is fetched with one GET.
 * A child that cannot be read hides the watched profiles above it, so the failure names them.
 */
export async function readNestedChildren(
  watched: readonly LiveProfile[],
  related: Map<string, LiveProfile>,
  listedSubscriptions: ReadonlySet<string>,
  getOne: GetOne,
): Promise<ReadFailure[]> {
  const failures: ReadFailure[] = [];
  // Which watched profiles sit above each profile, so failures deep down name the right owners.
  const ownersOf = new Map(watched.map((p) => [p.id.toLowerCase(), new Set([formatProfileKey(p.key)])]));
  const visited = new Set<string>();
  let level = [...watched];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: LiveProfile[] = [];
    const toFetch = new Map<string, { key: ProfileKey; owners: Set<string> }>();
    for (const parent of level) {
      visited.add(parent.id.toLowerCase());
      const owners = ownersOf.get(parent.id.toLowerCase()) ?? new Set<string>();
      for (const endpoint of parent.endpoints) {
        if (endpoint.type !== "NestedEndpoints" || endpoint.targetResourceId === undefined) continue;
        const childId = endpoint.targetResourceId.toLowerCase();
        const childKey = profileKeyFromId(endpoint.targetResourceId);
        if (!childKey || visited.has(childId)) continue;
        const childOwners = ownersOf.get(childId) ?? new Set<string>();
        owners.forEach((o) => childOwners.add(o));
        ownersOf.set(childId, childOwners);
        const child = related.get(childId);
        if (child) next.push(child);
        else if (listedSubscriptions.has(childKey.subscriptionId.toLowerCase())) {
          failures.push(missingChild(childKey, parent, endpoint.name, [...childOwners]));
        } else toFetch.set(childId, { key: childKey, owners: childOwners });
      }
    }
    const fetched = await Promise.all(
      [...toFetch.values()].map(({ key, owners }) => getOne(key, [...owners])),
    );
    for (const read of fetched) {
      if ("failure" in read) failures.push(read.failure);
      else {
        related.set(read.profile.id.toLowerCase(), read.profile);
        next.push(read.profile);
      }
    }
    level = dedupe(next).filter((p) => !visited.has(p.id.toLowerCase()));
  }
  return failures;
}

function dedupe(profiles: LiveProfile[]): LiveProfile[] {
  return [...new Map(profiles.map((p) => [p.id.toLowerCase(), p])).values()];
}

function missingChild(
  child: ProfileKey,
  parent: LiveProfile,
  endpoint: string,
  owners: string[],
): ReadFailure {
  const scope = formatProfileKey(child);
  return {
    scope,
    profiles: owners,
    reason: "not-found",
    message: `nested endpoint "${endpoint}" of ${formatProfileKey(parent.key)} points at profile ${scope}, which does not exist`,
  };
}
