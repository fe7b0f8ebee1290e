import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { StoredDesiredState } from "../../app/ports/desired-state-store.js";
import { toHttpEtag } from "./etag.js";
import { errorResponse } from "./problem.js";

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Wraps a handler so every failure leaves as problem+json through the one mapping. */
export function handle(fn: Handler): Handler {
  return async (request, context) => {
    try {
      return await fn(request, context);
    } catch (e: unknown) {
      return errorResponse(e, context);
    }
  };
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return {
    status,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  };
}

/**
 * The stored document as the body (so GET → edit → PUT round-trips), metadata in headers. The
 * ETag is the table's own ETag in a shell-friendly strong form (see etag.ts).
 */
export function desiredResponse(
  status: number,
  stored: StoredDesiredState,
  extra: Record<string, string> = {},
): HttpResponseInit {
  return jsonResponse(status, stored.document, {
    etag: toHttpEtag(stored.etag),
    "last-modified": new Date(stored.updatedAt).toUTCString(),
    "x-desired-version": String(stored.version),
    "x-desired-updated-by": encodeURIComponent(stored.updatedBy),
    ...extra,
  });
}
