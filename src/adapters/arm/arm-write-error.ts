import { isRestError } from "@azure/core-rest-pipeline";
import { AppError, describeError } from "../../app/errors.js";
import { RetryAfterTooLong } from "./bounded-retry-after.js";

/** The role that carries the write actions; named in 401/403 messages so an operator can fix it. */
export const WRITE_ROLE = "Traffic Manager Contributor";

export interface WriteContext {
  /** What was being changed, for messages, e.g. `endpoint "web-westus" of sub/rg/tm-web`. */
  what: string;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Turns anything the SDK threw for a PATCH into an AppError. Retries have already happened in the
 * pipeline (429/503 with Retry-After, 5xx and network errors with back-off), so what arrives here
 * is final. ARM's own message is kept: it says which value it refused.
 */
export function toWriteError(e: unknown, ctx: WriteContext): AppError {
  if (e instanceof AppError) return e;
  const options = { cause: e };
  if (e instanceof RetryAfterTooLong)
    return new AppError("UPSTREAM", `ARM is throttling writes to ${ctx.what}: ${e.message}`, [], options);
  if (e instanceof Error && e.name === "AbortError")
    return new AppError(
      "UPSTREAM",
      `ARM did not answer within ${String(ctx.timeoutMs)} ms (ARM_TIMEOUT_MS) while changing ${ctx.what}; read the profile again before retrying`,
      [],
      options,
    );
  if (!isRestError(e))
    return new AppError("UPSTREAM", `changing ${ctx.what} failed: ${describeError(e)}`, [], options);
  const status = e.statusCode;
  const code = armErrorCode(e) ?? e.code ?? "";
  const armMessage = armErrorMessage(e) ?? e.message;
  const detail = `${status === undefined ? "" : String(status)} ${code}`.trim();
  if (status === 404)
    return new AppError("NOT_FOUND", `ARM found no ${ctx.what} (${detail}): ${armMessage}`, [], options);
  if (status === 401 || status === 403)
    return new AppError(
      "CONFIG",
      `ARM refused to change ${ctx.what} (${detail}): the app's identity needs the ${WRITE_ROLE} role on the profile ` +
        `(infra grants it when TM_ENABLE_WRITE_FEATURES is on)`,
      [],
      options,
    );
  if (status === 409)
    return new AppError(
      "CONFLICT",
      `ARM refused to change ${ctx.what} (${detail}): ${armMessage}`,
      [],
      options,
    );
  if (status === 400 || status === 422)
    return new AppError(
      "UNPROCESSABLE",
      `ARM rejected the change to ${ctx.what} (${detail}): ${armMessage}`,
      [],
      options,
    );
  if (status === 429)
    return new AppError(
      "UPSTREAM",
      `ARM kept throttling writes to ${ctx.what} (429 ${code}) after ${String(ctx.maxRetries)} retries (ARM_MAX_RETRIES)`,
      [],
      options,
    );
  return new AppError("UPSTREAM", `ARM failed to change ${ctx.what} (${detail || e.message})`, [], options);
}

function armErrorCode(e: { details?: unknown }): string | undefined {
  const details = e.details as { error?: { code?: unknown } } | undefined;
  return typeof details?.error?.code === "string" ? details.error.code : undefined;
}

function armErrorMessage(e: { details?: unknown }): string | undefined {
  const details = e.details as { error?: { message?: unknown } } | undefined;
  return typeof details?.error?.message === "string" ? details.error.message : undefined;
}
