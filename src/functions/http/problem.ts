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
    type: `urn:tm-sentinel:problem:${code.toLowerCase().replace(/_/g, "-")}`,
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

/** Maps anything a handler caught; an unexpected error is logged and answered 500 without internals. */
export function errorResponse(e: unknown, context: InvocationContext): HttpResponseInit {
  if (e instanceof AppError) {
    if (STATUS_OF[e.code] >= 500) context.error(`${e.code}: ${e.message}`);
    return problemResponse(e.code, e.message, e.errors);
  }
  context.error(`unexpected error: ${describeError(e)}`);
  return {
    status: 500,
    body: JSON.stringify({
      type: "about:blank",
      title: "Internal server error",
      status: 500,
      detail: "An unexpected error occurred; see the function logs.",
    }),
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  };
}
