import { validateDesiredState } from "../core/desired-schema.js";
import type { DesiredState } from "../core/desired-state.js";
import { parseProfileKey } from "../core/profile-key.js";
import type { LiveProfile } from "../core/profile.js";
import { AppError, type FieldError } from "./errors.js";
import type { DesiredStateStore } from "./ports/desired-state-store.js";
import type { LiveProfileSource } from "./ports/live-profile-source.js";
import {
  checkWriteCondition,
  writeDesired,
  type WriteCondition,
  type WriteOutcome,
} from "./write-desired.js";

export interface PutDesiredCommand {
  /** Profile key, lower case. */
  profile: string;
  /** Parsed JSON body, not yet validated. */
  body: unknown;
  condition: WriteCondition;
  /** Skip the check that every endpoint exists in the live profile. */
  allowUnknownEndpoints: boolean;
  updatedBy: string;
}

/**
 * Validates and stores a desired document. Order of checks: schema (400, every issue at once),
 * precondition (428/412), endpoints against the live profile (422); only then one atomic write.
 * Nothing is written unless every check passed.
 */
export async function putDesired(
  ports: { desired: DesiredStateStore; live: LiveProfileSource },
  cmd: PutDesiredCommand,
): Promise<WriteOutcome> {
  const validation = validateDesiredState(cmd.body);
  if (!validation.ok)
    throw new AppError(
      "VALIDATION",
      `The desired state has ${validation.issues.length} problem(s).`,
      validation.issues,
    );
  await checkWriteCondition(ports.desired, cmd.profile, cmd.condition);
  if (!cmd.allowUnknownEndpoints) await checkEndpointsExist(ports.live, cmd.profile, validation.value);
  return writeDesired(ports.desired, cmd.profile, validation.value, cmd.condition, cmd.updatedBy);
}

/** Reads one live profile; a profile that cannot be read is an error here (the caller asked about it). */
export async function readLiveProfile(live: LiveProfileSource, profile: string): Promise<LiveProfile> {
  const key = parseProfileKey(profile);
  if (!key) throw new AppError("VALIDATION", `Invalid profile key ${profile}.`);
  const snapshot = await live.readProfiles([key]);
  const found = snapshot.profiles.find(
    (p) => `${p.key.subscriptionId}/${p.key.resourceGroup}/${p.key.profileName}`.toLowerCase() === profile,
  );
  if (found) return found;
  const failure = snapshot.failures[0];
  if (!failure || failure.reason === "not-found")
    throw new AppError(
      "UNPROCESSABLE",
      `Profile ${profile} was not found live${failure ? `: ${failure.message}` : ""}; use ?allowUnknownEndpoints=true to store a desired state for it anyway.`,
    );
  throw new AppError("UPSTREAM", `The live profile ${profile} could not be read: ${failure.message}`);
}

async function checkEndpointsExist(
  live: LiveProfileSource,
  profile: string,
  doc: DesiredState,
): Promise<void> {
  const liveProfile = await readLiveProfile(live, profile);
  const names = new Set(liveProfile.endpoints.map((e) => e.name.toLowerCase()));
  const unknown: FieldError[] = [];
  doc.endpoints.forEach((e, i) => {
    if (!names.has(e.name.toLowerCase()))
      unknown.push({
        path: `$.endpoints[${i}].name`,
        message: `${e.name} is not an endpoint of the live profile`,
      });
  });
  if (unknown.length > 0)
    throw new AppError(
      "UNPROCESSABLE",
      `Endpoints not in the live profile: ${doc.endpoints
        .filter((e) => !names.has(e.name.toLowerCase()))
        .map((e) => e.name)
        .join(", ")}. Live endpoints: ${liveProfile.endpoints.map((e) => e.name).join(", ") || "none"}.`,
      unknown,
    );
}
