import { validateSilenceInput } from "../../core/silences/silence-input.js";
import { AppError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { LiveProfileSource } from "../ports/live-profile-source.js";
import type { SilenceStore, StoredSilence } from "../ports/silence-store.js";
import { requireWatchedProfileKey } from "../watched-profile-key.js";

export interface SilencePorts {
  silences: SilenceStore;
  live: LiveProfileSource;
  clock: Clock;
}

export interface PostSilenceCommand {
  /** Parsed JSON body, not yet validated. */
  body: unknown;
  createdBy: string;
  /** Store ETag from If-Match, for a change of an existing silence. */
  ifMatch?: string;
}

/**
 * Creates a silence, or changes the one named by `id` (Alertmanager's POST). Order of checks: shape
 * and time rules (400, every issue), then the profile against the watch list (400/404); only then
 * one write. Nothing is stored unless every check passed.
 */
export async function postSilence(
  ports: SilencePorts,
  cmd: PostSilenceCommand,
): Promise<{ stored: StoredSilence; created: boolean }> {
  const valid = validateSilenceInput(cmd.body, ports.clock.now());
  if (!valid.ok)
    throw new AppError("VALIDATION", `The silence has ${valid.issues.length} problem(s).`, valid.issues);
  const input = valid.value;
  await requireWatchedProfileKey(ports.live, input.matchers.profile, "$.matchers.profile", true);
  if (input.id !== undefined && (await ports.silences.get(input.id))) {
    const { id, ...change } = input;
    return { stored: await ports.silences.update(id, change, cmd.ifMatch), created: false };
  }
  return { stored: await ports.silences.create({ ...input, createdBy: cmd.createdBy }), created: true };
}

export async function getSilence(silences: SilenceStore, id: string): Promise<StoredSilence> {
  const found = await silences.get(id);
  if (!found) throw new AppError("NOT_FOUND", `No silence with id ${id}.`);
  return found;
}

/** Parses `?state=`: absent or `current` (active and pending), or `expired` (last 30 days). */
export function silenceListState(value: string | null): "current" | "expired" {
  if (value === null || value === "" || value === "current" || value === "active") return "current";
  if (value === "expired") return "expired";
  throw new AppError("VALIDATION", "state must be current or expired.", [
    { path: "state", message: "must be current or expired" },
  ]);
}
