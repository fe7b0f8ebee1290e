import { profileIdFromKey, profileKeyFromId } from "./profile-key.js";
import type { LiveProfile, ProfileKey } from "./profile.js";

/**
 * What TM_WATCH names. Scopes discover Priority profiles; a profile named explicitly is audited
 * whatever its routing method (the audit then reports ROUTING_METHOD_NOT_PRIORITY).
 */
export type WatchEntry =
  | { kind: "subscription"; subscriptionId: string }
  | { kind: "resource-group"; subscriptionId: string; resourceGroup: string }
  | { kind: "profile"; key: ProfileKey; id: string };

/** `name=value` matches that value; a bare `name` matches any value. Names are case-insensitive like ARM's. */
export interface WatchTag {
  name: string;
  value?: string;
}

export interface WatchList {
  entries: WatchEntry[];
  tag?: WatchTag;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const SUBSCRIPTION = /^\/subscriptions\/([^/]+)\/?$/i;
const RESOURCE_GROUP = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i;
/** Subscription IDs are GUIDs; checking catches a truncated or mangled ID before ARM answers 404. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses the comma-separated watch list; every invalid entry is reported, quoted. */
export function parseWatchEntries(text: string): Parsed<WatchEntry[]> {
  const entries: WatchEntry[] = [];
  const errors: string[] = [];
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    const entry = parseWatchEntry(item);
    if (entry) entries.push(entry);
    else
      errors.push(
        `"${item}" is not a subscription (/subscriptions/{guid}), resource group ` +
          `(/subscriptions/{guid}/resourceGroups/{rg}) or Traffic Manager profile resource ID`,
      );
  }
  if (errors.length === 0 && entries.length === 0)
    errors.push("names no subscription, resource group or profile");
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: entries };
}

function parseWatchEntry(item: string): WatchEntry | undefined {
  const entry = matchWatchEntry(item);
  const subscriptionId = entry?.kind === "profile" ? entry.key.subscriptionId : entry?.subscriptionId;
  return subscriptionId !== undefined && GUID.test(subscriptionId) ? entry : undefined;
}

function matchWatchEntry(item: string): WatchEntry | undefined {
  const sub = SUBSCRIPTION.exec(item);
  if (sub) return { kind: "subscription", subscriptionId: sub[1]! };
  const rg = RESOURCE_GROUP.exec(item);
  if (rg) return { kind: "resource-group", subscriptionId: rg[1]!, resourceGroup: rg[2]! };
  const key = profileKeyFromId(item);
  if (key) return { kind: "profile", key, id: profileIdFromKey(key) };
  return undefined;
}

/** Parses `name=value` or `name`. */
export function parseWatchTag(text: string): Parsed<WatchTag> {
  const eq = text.indexOf("=");
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (name === "") return { ok: false, errors: [`"${text}" has no tag name (expected name=value or name)`] };
  return eq < 0
    ? { ok: true, value: { name } }
    : { ok: true, value: { name, value: text.slice(eq + 1).trim() } };
}

/** Distinct subscription IDs (lower case) the watch list touches, in first-seen order. */
export function watchedSubscriptions(entries: readonly WatchEntry[]): string[] {
  const subs = new Set<string>();
  for (const e of entries)
    subs.add((e.kind === "profile" ? e.key.subscriptionId : e.subscriptionId).toLowerCase());
  return [...subs];
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function hasTag(profile: LiveProfile, tag: WatchTag): boolean {
  const found = Object.entries(profile.tags).find(([name]) => same(name, tag.name));
  return found !== undefined && (tag.value === undefined || found[1] === tag.value);
}

/** Whether a scope entry discovers the profile: Priority routing, in scope, carrying the tag when one is set. */
function discovers(entry: WatchEntry, profile: LiveProfile, tag: WatchTag | undefined): boolean {
  if (entry.kind === "profile") return false;
  if (!same(profile.routingMethod, "Priority")) return false;
  if (tag && !hasTag(profile, tag)) return false;
  if (!same(entry.subscriptionId, profile.key.subscriptionId)) return false;
  return entry.kind === "subscription" || same(entry.resourceGroup, profile.key.resourceGroup);
}

export interface WatchSelection {
  /** Profiles to audit, each once, in listing order. */
  watched: LiveProfile[];
  /** Explicitly named profiles that the listing did not contain. */
  missing: Extract<WatchEntry, { kind: "profile" }>[];
}

/**
 * Picks the watched profiles out of what the listings returned. Only call it with the listings of
 * subscriptions that were read successfully: an absent profile is then reported as missing.
 */
export function selectWatched(
  entries: readonly WatchEntry[],
  tag: WatchTag | undefined,
  listed: readonly LiveProfile[],
): WatchSelection {
  const byId = new Map(listed.map((p) => [p.id.toLowerCase(), p]));
  const explicit = entries.filter((e): e is Extract<WatchEntry, { kind: "profile" }> => e.kind === "profile");
  const chosen = new Set<string>();
  const missing: WatchSelection["missing"] = [];
  for (const e of explicit) {
    if (byId.has(e.id.toLowerCase())) chosen.add(e.id.toLowerCase());
    else missing.push(e);
  }
  for (const p of listed) if (entries.some((e) => discovers(e, p, tag))) chosen.add(p.id.toLowerCase());
  return { watched: listed.filter((p) => chosen.has(p.id.toLowerCase())), missing };
}
