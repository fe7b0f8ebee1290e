import type { DesiredState } from "../../core/desired-state.js";
import { formatProfileKey } from "../../core/profile-key.js";
import type { LiveProfile } from "../../core/profile.js";
import type { AuditMessage, ListedAuditBatch } from "../ports/audit-queue.js";
import type { LiveSnapshot, ReadFailure } from "../ports/live-profile-source.js";

/**
 * A queue message holds at most 64 KiB of text, and the body is base64 (4 characters per 3
 * bytes), so the JSON may take 48 KiB; the rest is headroom for the envelope and rounding.
 */
export const MAX_BATCH_JSON_BYTES = 47_000;
/** Keeps one message's `latest` rows within one entity-group transaction (100 operations). */
export const MAX_PROFILES_PER_BATCH = 100;

export interface PackInput {
  cycleId: string;
  cycleStartedAt: string;
  snapshot: LiveSnapshot;
  /** Desired state by lower-case key; undefined when the cycle could not read them. */
  desired: ReadonlyMap<string, DesiredState> | undefined;
  maxBytes?: number;
}

interface Unit {
  key: string;
  profile: LiveProfile;
  children: LiveProfile[];
  failures: ReadFailure[];
  desired: DesiredState | undefined;
  bytes: number;
}

const utf8 = new TextEncoder();
const sizeOf = (value: unknown): number => utf8.encode(JSON.stringify(value)).length;

/**
 * Packs the watched profiles of a listing into as few messages as fit, each carrying what its
 * audits need: the profiles, their nested children (transitively), the failures that name them
 * and their desired states. Profiles are packed in key order, so a message's profiles mostly
 * share a subscription (and so a storage partition). A profile too large for any message goes
 * out in the old one-profile format; its queued audit reads it from ARM.
 */
export function packListedBatches(input: PackInput): AuditMessage[] {
  const maxBytes = input.maxBytes ?? MAX_BATCH_JSON_BYTES;
  const envelope = {
    v: 2 as const,
    cycleId: input.cycleId,
    cycleStartedAt: input.cycleStartedAt,
  };
  const overhead = sizeOf({ ...envelope, profiles: [], related: [], failures: [], desired: {} });
  const units = [...input.snapshot.profiles]
    .map((profile) => unitOf(profile, input))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const messages: AuditMessage[] = [];
  let current: Unit[] = [];
  let bytes = overhead;
  const flush = (): void => {
    if (current.length > 0) messages.push(toBatch(envelope, current, input.desired !== undefined));
    current = [];
    bytes = overhead;
  };
  for (const unit of units) {
    if (overhead + unit.bytes > maxBytes) {
      messages.push({ cycleId: input.cycleId, cycleStartedAt: input.cycleStartedAt, profile: unit.key });
      continue;
    }
    if (bytes + unit.bytes > maxBytes || current.length >= MAX_PROFILES_PER_BATCH) flush();
    current.push(unit);
    bytes += unit.bytes;
  }
  flush();
  return messages;
}

function unitOf(profile: LiveProfile, input: PackInput): Unit {
  const key = formatProfileKey(profile.key);
  const children = childrenOf(profile, input.snapshot.related);
  const failures = input.snapshot.failures.filter((f) => f.profiles.some((p) => p.toLowerCase() === key));
  const desired = input.desired?.get(key);
  // Commas and the desired entry's key are counted generously; children shared between profiles
  // of one message are counted once per profile, so the estimate only errs on the safe side.
  const bytes =
    sizeOf(profile) + sizeOf(children) + sizeOf(failures) + sizeOf(desired ?? null) + key.length + 8;
  return { key, profile, children, failures, desired, bytes };
}

/** Every profile below `profile` through nested endpoints that the snapshot holds. */
function childrenOf(profile: LiveProfile, related: ReadonlyMap<string, LiveProfile>): LiveProfile[] {
  const found = new Map<string, LiveProfile>();
  const queue = [profile];
  const self = profile.id.toLowerCase();
  while (queue.length > 0) {
    const parent = queue.pop()!;
    for (const endpoint of parent.endpoints) {
      if (endpoint.type !== "NestedEndpoints" || endpoint.targetResourceId === undefined) continue;
      const id = endpoint.targetResourceId.toLowerCase();
      if (id === self || found.has(id)) continue;
      const child = related.get(id);
      if (!child) continue;
      found.set(id, child);
      queue.push(child);
    }
  }
  return [...found.values()];
}

function toBatch(
  envelope: { v: 2; cycleId: string; cycleStartedAt: string },
  units: readonly Unit[],
  withDesired: boolean,
): ListedAuditBatch {
  const related = new Map<string, LiveProfile>();
  for (const u of units) for (const c of u.children) related.set(c.id.toLowerCase(), c);
  // A failure names only this message's profiles: the others are audited (and told) elsewhere.
  const keys = new Set(units.map((u) => u.key));
  const failures = new Map<string, ReadFailure>();
  for (const u of units)
    for (const f of u.failures)
      failures.set(`${f.scope}\n${f.message}`, {
        ...f,
        profiles: f.profiles.filter((p) => keys.has(p.toLowerCase())),
      });
  const batch: ListedAuditBatch = {
    ...envelope,
    profiles: units.map((u) => u.profile),
    related: [...related.values()],
    failures: [...failures.values()],
  };
  if (withDesired) {
    const desired: Record<string, DesiredState> = {};
    for (const u of units) if (u.desired) desired[u.key] = u.desired;
    batch.desired = desired;
  }
  return batch;
}
