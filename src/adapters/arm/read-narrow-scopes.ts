import type { ReadFailure } from "../../app/ports/live-profile-source.js";
import { formatProfileKey } from "../../core/profile-key.js";
import type { LiveProfile, ProfileKey } from "../../core/profile.js";
import type { WatchEntry } from "../../core/watch-list.js";

/** What one watched subscription yielded. */
export interface SubscriptionRead {
  profiles: LiveProfile[];
  failures: ReadFailure[];
  /** True when the whole subscription was listed (a nested child missing from it does not exist). */
  complete: boolean;
  /** Watch entries whose reads succeeded: an explicit profile among them that is absent was deleted. */
  authoritative: WatchEntry[];
}

export interface NarrowReaders {
  listResourceGroup(subscriptionId: string, resourceGroup: string): Promise<LiveProfile[]>;
  getOne(key: ProfileKey, owners: string[]): Promise<{ profile: LiveProfile } | { failure: ReadFailure }>;
  failure(e: unknown, scope: string, profiles: string[], what: string): ReadFailure;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Fallback after a 403 on the subscription listing when the watch list only names resource groups
 * and profiles there: Reader granted on a resource group is enough to list that group or get a
 * profile. Costs one list per resource group and one GET per profile outside those groups.
 */
export async function readNarrowScopes(
  subscriptionId: string,
  entries: WatchEntry[],
  readers: NarrowReaders,
): Promise<SubscriptionRead> {
  const groups = entries.filter((e) => e.kind === "resource-group");
  const explicit = entries.filter((e) => e.kind === "profile");
  const inGroup = (e: (typeof explicit)[number], rg: string) => same(e.key.resourceGroup, rg);
  const read: SubscriptionRead = { profiles: [], failures: [], complete: false, authoritative: [] };

  await Promise.all(
    groups.map(async (g) => {
      const scope = `/subscriptions/${subscriptionId}/resourceGroups/${g.resourceGroup}`;
      const owners = explicit.filter((e) => inGroup(e, g.resourceGroup));
      try {
        read.profiles.push(...(await readers.listResourceGroup(subscriptionId, g.resourceGroup)));
        read.authoritative.push(g, ...owners);
      } catch (e: unknown) {
        const keys = owners.map((o) => formatProfileKey(o.key));
        read.failures.push(readers.failure(e, scope, keys, `Traffic Manager profiles in ${scope}`));
      }
    }),
  );
  const loose = explicit.filter((e) => !groups.some((g) => inGroup(e, g.resourceGroup)));
  await Promise.all(
    loose.map(async (e) => {
      const got = await readers.getOne(e.key, [formatProfileKey(e.key)]);
      // A failed GET (including 404) is already a failure naming the profile; not authoritative.
      if ("failure" in got) read.failures.push(got.failure);
      else {
        read.profiles.push(got.profile);
        read.authoritative.push(e);
      }
    }),
  );
  return read;
}
