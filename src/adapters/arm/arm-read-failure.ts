import { isRestError } from "@azure/core-rest-pipeline";
import type { ReadFailure } from "../../app/ports/live-profile-source.js";
import { describeError } from "../../app/errors.js";
import { ProfileFormatError } from "../../core/normalize-profile.js";
import { RetryAfterTooLong } from "./bounded-retry-after.js";

/** The action a reader needs; named in 403 messages so an operator can fix the role assignment. */
export const READ_PERMISSION = "Microsoft.Network/trafficManagerProfiles/read";

/** Raised by the listing code when ARM answered 2xx with a body that is not a profile list. */
export class MalformedArmResponse extends Error {
  override readonly name = "MalformedArmResponse";
}

export interface FailureContext {
  /** `/subscriptions/{id}`, `/subscriptions/{id}/resourceGroups/{rg}` or a profile key. */
  scope: string;
  /** Watched profile keys this failure hides. */
  profiles: string[];
  /** What was being read, for the message, e.g. `profiles in /subscriptions/…`. */
  what: string;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Turns anything the SDK threw into a ReadFailure with an actionable message. Timeouts surface as
 * AbortError because the per-request timeout aborts the socket (ts-http-runtime nodeHttpClient).
 */
export function toReadFailure(e: unknown, ctx: FailureContext): ReadFailure {
  const base = { scope: ctx.scope, profiles: ctx.profiles };
  if (e instanceof MalformedArmResponse || e instanceof ProfileFormatError) {
    return {
      ...base,
      reason: "malformed",
      message: `ARM sent a malformed response for ${ctx.what}: ${e.message}`,
    };
  }
  if (e instanceof RetryAfterTooLong) {
    return {
      ...base,
      reason: "throttled",
      message: `ARM is throttling ${ctx.what}: ${e.message}; the next cycle tries again`,
    };
  }
  if (e instanceof Error && e.name === "AbortError") {
    return {
      ...base,
      reason: "timeout",
      message: `ARM did not answer within ${String(ctx.timeoutMs)} ms (ARM_TIMEOUT_MS) for ${ctx.what}`,
    };
  }
  if (!isRestError(e)) {
    return { ...base, reason: "upstream", message: `reading ${ctx.what} failed: ${describeError(e)}` };
  }
  const status = e.statusCode;
  const code = armErrorCode(e) ?? e.code ?? "";
  const detail = `${status === undefined ? "" : String(status)} ${code}`.trim();
  if (status === 404) {
    return {
      ...base,
      reason: "not-found",
      message: `${ctx.what} not found in ARM (${detail}): deleted, moved or mistyped in TM_WATCH?`,
    };
  }
  if (status === 401 || status === 403) {
    return {
      ...base,
      reason: "forbidden",
      message:
        `ARM refused to read ${ctx.what} (${detail}): the app's identity needs ${READ_PERMISSION} on ${ctx.scope}; ` +
        `grant it the Reader role (or Traffic Manager Contributor) there` +
        (status === 401 ? "; for 401 also check ARM_SCOPE matches ARM_ENDPOINT's cloud" : ""),
    };
  }
  if (status === 429) {
    return {
      ...base,
      reason: "throttled",
      message: `ARM kept throttling ${ctx.what} (429 ${code}) after ${String(ctx.maxRetries)} retries (ARM_MAX_RETRIES)`,
    };
  }
  if (e.code === "PARSE_ERROR" || (status !== undefined && status >= 200 && status < 300)) {
    return {
      ...base,
      reason: "malformed",
      message: `ARM sent a malformed response for ${ctx.what}: ${e.message}`,
    };
  }
  return {
    ...base,
    reason: "upstream",
    message: `ARM failed to return ${ctx.what} (${detail || e.message})`,
  };
}

/** The `error.code` of ARM's error envelope, when the SDK parsed one. */
function armErrorCode(e: { details?: unknown }): string | undefined {
  const details = e.details as { error?: { code?: unknown } } | undefined;
  return typeof details?.error?.code === "string" ? details.error.code : undefined;
}
