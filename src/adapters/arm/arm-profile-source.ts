import pLimit from "p-limit";
import type { TokenCredential } from "@azure/core-auth";
import type { LiveProfileSource, LiveSnapshot, ReadFailure } from "../../app/ports/live-profile-source.js";
import { normalizeProfile } from "../../core/normalize-profile.js";
import { formatProfileKey } from "../../core/profile-key.js";
import type { LiveProfile, ProfileKey } from "../../core/profile.js";
import {
  selectWatched,
  watchedSubscriptions,
  type WatchEntry,
  type WatchTag,
} from "../../core/watch-list.js";
import { ArmClients, type ArmClientSettings } from "./arm-clients.js";
import { getProfile, listByResourceGroup, listBySubscription, type ArmCall } from "./arm-listing.js";
import { toReadFailure } from "./arm-read-failure.js";
import { readNarrowScopes, type SubscriptionRead } from "./read-narrow-scopes.js";
import { readNestedChildren } from "./read-nested-children.js";
import { normalizeListed } from "./normalize-listed.js";

export interface ArmProfileSourceOptions extends ArmClientSettings {
  credential: TokenCredential;
  watch: WatchEntry[];
  tag?: WatchTag | undefined;
  timeoutMs: number;
  /** Subscriptions read at once. */
  concurrency?: number;
  /** Clients shared with the writer (composition root); built from the settings above when absent. */
  clients?: ArmClients;
}

/**
 * Live profiles from ARM: one `profiles.listBySubscription` per watched subscription per cycle
 * (endpoints come inline), then one `profiles.get` per nested child outside those subscriptions.
 * Per-scope problems become ReadFailures; nothing here throws for them.
 */
export class ArmProfileSource implements LiveProfileSource {
  private readonly clients: ArmClients;
  private readonly call: ArmCall;
  private readonly limit: ReturnType<typeof pLimit>;
  /** Per-profile failures of resource-group listings during the current readWatched. */
  private readonly narrowFailures: ReadFailure[] = [];

  constructor(private readonly options: ArmProfileSourceOptions) {
    this.clients = options.clients ?? new ArmClients(options.credential, options);
    this.call = { baseUrl: options.endpoint ?? "https://management.azure.com", timeoutMs: options.timeoutMs };
    this.limit = pLimit(options.concurrency ?? 4);
  }

  async readWatched(): Promise<LiveSnapshot> {
    const { watch, tag } = this.options;
    const subs = watchedSubscriptions(watch);
    const reads = await Promise.all(subs.map((s) => this.limit(() => this.readSubscription(s, watch))));
    const failures = reads.flatMap((r) => r.failures);
    const listed = reads.flatMap((r) => r.profiles);
    const complete = new Set(subs.filter((_, i) => reads[i]?.complete));
    const { watched, missing } = selectWatched(
      reads.flatMap((r) => r.authoritative),
      tag,
      listed,
    );
    failures.push(...this.narrowFailures.splice(0));
    // An explicit profile that was listed but could not be read already has its failure.
    for (const m of missing)
      if (!failures.some((f) => f.profiles.includes(formatProfileKey(m.key)))) failures.push(notFound(m.key));
    return this.withChildren(watched, listed, complete, failures);
  }

  async readProfiles(keys: ProfileKey[]): Promise<LiveSnapshot> {
    const failures: ReadFailure[] = [];
    const profiles: LiveProfile[] = [];
    // SDK clients (one per subscription, kept for the process) exist only for watched
    // subscriptions: a key naming another subscription is not read at all.
    const watchedSubs = new Set(watchedSubscriptions(this.options.watch));
    const readable = keys.filter((key) => {
      if (watchedSubs.has(key.subscriptionId.toLowerCase())) return true;
      failures.push(outsideWatch(key));
      return false;
    });
    await Promise.all(
      readable.map((key) =>
        this.limit(async () => {
          const read = await this.getOne(key, [formatProfileKey(key)]);
          if ("failure" in read) failures.push(read.failure);
          else profiles.push(read.profile);
        }),
      ),
    );
    return this.withChildren(profiles, profiles, new Set(), failures);
  }

  /** One GET of a profile; failures name `owners` as the watched profiles they hide. */
  private async getOne(
    key: ProfileKey,
    owners: string[],
  ): Promise<{ profile: LiveProfile } | { failure: ReadFailure }> {
    const scope = formatProfileKey(key);
    try {
      const client = this.clients.for(key.subscriptionId);
      const raw = await getProfile(client, key.resourceGroup, key.profileName, this.call);
      return { profile: normalizeProfile(raw) };
    } catch (e: unknown) {
      return { failure: this.failure(e, scope, owners, `profile ${scope}`) };
    }
  }

  private async readSubscription(subscriptionId: string, watch: WatchEntry[]): Promise<SubscriptionRead> {
    const scope = `/subscriptions/${subscriptionId}`;
    const entries = watch.filter((e) => subscriptionOf(e).toLowerCase() === subscriptionId);
    // Only explicitly named profiles are known to be hidden by a failed listing; scopes say so in `scope`.
    const owners = entries.flatMap((e) => (e.kind === "profile" ? [formatProfileKey(e.key)] : []));
    try {
      const items = await listBySubscription(this.clients.for(subscriptionId), this.call);
      const { profiles, failures } = normalizeListed(items, entries, scope);
      return { profiles, failures, complete: true, authoritative: entries };
    } catch (e: unknown) {
      const failure = this.failure(e, scope, owners, `Traffic Manager profiles in ${scope}`);
      if (failure.reason === "forbidden" && entries.every((x) => x.kind !== "subscription")) {
        return readNarrowScopes(subscriptionId, entries, this.narrowReaders);
      }
      return { profiles: [], failures: [failure], complete: false, authoritative: [] };
    }
  }

  /** Reads used when only resource-group-level access was granted. */
  private readonly narrowReaders = {
    listResourceGroup: async (subscriptionId: string, resourceGroup: string) => {
      const items = await listByResourceGroup(this.clients.for(subscriptionId), resourceGroup, this.call);
      // Unreadable profiles of a narrow scope fall back to the per-item rule of the full listing.
      const { profiles, failures } = normalizeListed(items, this.options.watch, resourceGroup);
      this.narrowFailures.push(...failures);
      return profiles;
    },
    getOne: (key: ProfileKey, owners: string[]) => this.getOne(key, owners),
    failure: (e: unknown, scope: string, profiles: string[], what: string) =>
      this.failure(e, scope, profiles, what),
  };

  private async withChildren(
    watched: LiveProfile[],
    alreadyRead: LiveProfile[],
    listedSubscriptions: ReadonlySet<string>,
    failures: ReadFailure[],
  ): Promise<LiveSnapshot> {
    const related = new Map(alreadyRead.map((p) => [p.id.toLowerCase(), p]));
    const childFailures = await readNestedChildren(watched, related, listedSubscriptions, (key, owners) =>
      this.limit(() => this.getOne(key, owners)),
    );
    return { profiles: watched, related, failures: [...failures, ...childFailures] };
  }

  private failure(e: unknown, scope: string, profiles: string[], what: string): ReadFailure {
    const { timeoutMs, maxRetries } = this.options;
    return toReadFailure(e, { scope, profiles, what, timeoutMs, maxRetries });
  }
}

function subscriptionOf(e: WatchEntry): string {
  return e.kind === "profile" ? e.key.subscriptionId : e.subscriptionId;
}

function notFound(key: ProfileKey): ReadFailure {
  const scope = formatProfileKey(key);
  return {
    scope,
    profiles: [scope],
    reason: "not-found",
    message: `watched profile ${scope} (TM_WATCH) does not exist in ARM any more: deleted, moved or renamed?`,
  };
}

function outsideWatch(key: ProfileKey): ReadFailure {
  const scope = formatProfileKey(key);
  return {
    scope,
    profiles: [scope],
    reason: "not-found",
    message: `profile ${scope} is outside the watched subscriptions (TM_WATCH); it was not read`,
  };
}
