/**
 * The closed set of errors a use case may raise. Each maps to one HTTP status in
 * src/functions/http/problem.ts and to exit code 1 in the CLI. Anything else that escapes is a bug
 * and is reported as 500 without internals.
 */
export type AppErrorCode =
  | "VALIDATION" // 400: input failed a schema; `errors` lists every issue
  | "NOT_FOUND" // 404
  | "CONFLICT" // 409
  | "PRECONDITION_FAILED" // 412: stale ETag, or If-None-Match:* on an existing document
  | "PRECONDITION_REQUIRED" // 428: replace without If-Match
  | "UNPROCESSABLE" // 422: valid shape, but contradicts live state (e.g. unknown endpoints)
  | "PAYLOAD_TOO_LARGE" // 413
  | "UNSUPPORTED_MEDIA_TYPE" // 415
  | "UPSTREAM" // 502: ARM, storage or a channel failed
  | "CONFIG" // 500: the app's own settings are wrong
  | "FORBIDDEN"; // 403: the feature is switched off (e.g. writes without TM_ENABLE_WRITE_FEATURES)

export interface FieldError {
  /** JSON path of the offending value, e.g. `$.endpoints[1].name`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Normalises anything caught into a message safe to show (no stack, no secrets added here). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}
