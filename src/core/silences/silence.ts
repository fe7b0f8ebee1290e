import type { FindingCode } from "../finding.js";

/**
 * What a silence matches: a profile key (lower case) or `*` for every profile, optionally one
 * endpoint (ARM name, case-insensitive) and a set of finding codes (any of them).
 */
export interface SilenceMatchers {
  profile: string;
  endpoint?: string;
  codes?: FindingCode[];
}

/**
 * A silence (Alertmanager-style): findings it matches between `startsAt` (inclusive) and `endsAt`
 * (exclusive) are still recorded but not notified. Times are ISO strings so it round-trips JSON.
 */
export interface Silence {
  id: string;
  matchers: SilenceMatchers;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdAt: string;
  comment: string;
  /** Set when someone expired it early (DELETE, `silence expire`, a drill's end). */
  expiredBy?: string;
  /** Last change (create, update or expiry). */
  updatedAt?: string;
}

export type SilenceState = "pending" | "active" | "expired";

/** A silence never lasts longer than this. */
export const MAX_SILENCE_MS = 30 * 24 * 3_600_000;
/** Expired silences are listed this long after their end. */
export const EXPIRED_RETENTION_MS = 30 * 24 * 3_600_000;

/** Pending before `startsAt`, active in `[startsAt, endsAt)`, expired from `endsAt` to the millisecond. */
export function silenceState(silence: Pick<Silence, "startsAt" | "endsAt">, at: Date): SilenceState {
  const now = at.getTime();
  if (now >= Date.parse(silence.endsAt)) return "expired";
  if (now < Date.parse(silence.startsAt)) return "pending";
  return "active";
}
