import type { HttpResponseInit, InvocationContext } from "@azure/functions";
import { AppError, describeError, type AppErrorCode, type FieldError } from "../../app/errors.js";

/** The one place where AppError codes become HTTP statuses. */
export const STATUS_OF: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  PRECONDITION_REQUIRED: 428,
  CONFIG: 500,
  UPSTREAM: 502,
  FORBIDDEN: 403,
};

const TITLE_OF: Record<AppErrorCode, string> = {
  VALIDATION: "The request is invalid",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  PRECONDITION_FAILED: "Precondition failed",
  PAYLOAD_TOO_LARGE: "Request body too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  UNPROCESSABLE: "The request contradicts the live profile",
  PRECONDITION_REQUIRED: "Precondition required",
  CONFIG: "The app is misconfigured",
  UPSTREAM: "A dependency failed",
  FORBIDDEN: "Forbidden",
};

/** RFC 9457 problem details, as every error leaves the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export function problemResponse(
  code: AppErrorCode,
  detail: string,
  errors: FieldError[] = [],
): HttpResponseInit {
  const status = STATUS_OF[code];
  const body: Problem = {
    type: typeOf(code),
    title: TITLE_OF[code],
    status,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
  };
  return {
    status,
    body: JSON.stringify(body),
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  };
}

/**
 * Maps anything a handler caught. A 5xx never shows its cause (storage, ARM and SDK messages may
 * name accounts, URLs or internals): the caller gets a generic detail and the operation id, and
 * the log gets the cause under that id.
 */
export function errorResponse(e: unknown, context: InvocationContext): HttpResponseInit {
  if (e instanceof AppError && STATUS_OF[e.code] < 500) return problemResponse(e.code, e.message, e.errors);
  const operationId = context.invocationId;
  const cause = e instanceof AppError ? `${e.code}: ${e.message}` : `unexpected error: ${describeError(e)}`;
  context.error(`operation ${operationId}: ${cause}${causeChain(e)}`);
  const code = e instanceof AppError ? e.code : undefined;
  const status = code ? STATUS_OF[code] : 500;
  const body: Problem & { operationId: string } = {
    type: code ? typeOf(code) : "about:blank",
    title: code ? TITLE_OF[code] : "Internal server error",
    status,
    detail: `${GENERIC_DETAIL[code ?? "INTERNAL"]} Quote operation id ${operationId} when reporting it; the cause is in the function log.`,
    operationId,
  };
  return {
    status,
    body: JSON.stringify(body),
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  };
}

const GENERIC_DETAIL: Record<string, string> = {
  UPSTREAM: "A dependency (storage, Azure Resource Manager or an alert channel) failed.",
  CONFIG: "The app's settings are invalid or incomplete.",
  INTERNAL: "An unexpected error occurred.",
};

function typeOf(code: AppErrorCode): string {
  return `urn:tm-sentinel:problem:${code.toLowerCase().replace(/_/g, "-")}`;
}

function causeChain(e: unknown): string {
  const cause = e instanceof Error ? e.cause : undefined;
  return cause === undefined ? "" : ` (cause: ${describeError(cause)})`;
}
