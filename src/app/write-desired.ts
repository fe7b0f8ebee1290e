import type { DesiredState } from "../core/desired-state.js";
import { AppError } from "./errors.js";
import type { DesiredStateStore, StoredDesiredState } from "./ports/desired-state-store.js";

/** What the caller asserted about the stored document (HTTP If-None-Match / If-Match). */
export type WriteCondition =
  | { kind: "create" } // If-None-Match: *
  | { kind: "match"; etag: string } // If-Match: <etag> or *
  | { kind: "none" };

export interface WriteOutcome {
  stored: StoredDesiredState;
  created: boolean;
}

/**
 * Checks the condition against what is stored before anything expensive runs (so a 428/412 is
 * cheap), without writing. The write itself re-checks atomically in the store.
 * @throws AppError PRECONDITION_REQUIRED, PRECONDITION_FAILED
 */
export async function checkWriteCondition(
  store: DesiredStateStore,
  profile: string,
  condition: WriteCondition,
): Promise<StoredDesiredState | undefined> {
  const current = await store.get(profile);
  if (condition.kind === "create" && current)
    throw new AppError(
      "PRECONDITION_FAILED",
      `A desired state for ${profile} already exists (If-None-Match: *).`,
    );
  if (condition.kind === "match" && !current)
    throw new AppError(
      "PRECONDITION_FAILED",
      `There is no desired state for ${profile} to match (If-Match).`,
    );
  if (condition.kind === "match" && current && condition.etag !== "*" && condition.etag !== current.etag)
    throw new AppError(
      "PRECONDITION_FAILED",
      `The desired state of ${profile} has changed since it was read (stale ETag); GET it again and retry.`,
    );
  if (condition.kind === "none" && current)
    throw new AppError(
      "PRECONDITION_REQUIRED",
      `A desired state for ${profile} exists: send If-Match with its ETag to replace it.`,
    );
  return current;
}

/** Creates or replaces under the condition; the store's ETag check makes it race-free. */
export async function writeDesired(
  store: DesiredStateStore,
  profile: string,
  document: DesiredState,
  condition: WriteCondition,
  updatedBy: string,
): Promise<WriteOutcome> {
  if (condition.kind === "match") {
    try {
      return { stored: await store.replace(profile, document, condition.etag, updatedBy), created: false };
    } catch (e: unknown) {
      // Deleted between the check and the write: for If-Match that is a failed precondition.
      if (e instanceof AppError && e.code === "NOT_FOUND")
        throw new AppError("PRECONDITION_FAILED", e.message, [], { cause: e });
      throw e;
    }
  }
  return { stored: await store.create(profile, document, updatedBy), created: true };
}
