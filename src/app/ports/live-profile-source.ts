import type { LiveProfile, ProfileKey } from "../../core/profile.js";

/** Why part of the live state could not be read. */
export type ReadFailureReason =
  "not-found" | "forbidden" | "throttled" | "upstream" | "malformed" | "timeout";

export interface ReadFailure {
  /** What could not be read: a profile key, or a scope such as `/subscriptions/{id}`. */
  scope: string;
  /** Keys (`{sub}/{rg}/{name}`, lower case) of watched profiles this failure hides; each gets an AUDIT_ERROR. */
  profiles: string[];
  reason: ReadFailureReason;
  /** Actionable message, e.g. naming the missing permission and the role to grant. */
  message: string;
}

export interface LiveSnapshot {
  /** Watched profiles that were read. */
  profiles: LiveProfile[];
  /** Every profile read in this pass, by lower-case ARM ID, so nested endpoints find their child profile. */
  related: ReadonlyMap<string, LiveProfile>;
  /** What could not be read. A failure is never silently an empty list. */
  failures: ReadFailure[];
}

/**
 * Where live profiles come from: ARM in Azure, an exported JSON file for `check` and the demo.
 * Implementations do not throw for per-scope problems (those are `failures`); they throw
 * AppError("CONFIG") only when they cannot work at all.
 */
export interface LiveProfileSource {
  /** Reads every watched profile (one list call per subscription for ARM). */
  readWatched(): Promise<LiveSnapshot>;
  /** Reads the given profiles (and their nested children). */
  readProfiles(keys: ProfileKey[]): Promise<LiveSnapshot>;
}
