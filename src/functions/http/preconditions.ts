import type { HttpRequest } from "@azure/functions";
import { AppError } from "../../app/errors.js";
import type { WriteCondition } from "../../app/write-desired.js";
import { fromHttpEtag } from "./etag.js";

/**
 * The one place where HTTP conditional headers (If-Match, If-None-Match) become a WriteCondition.
 * Routes never read these headers themselves; the app layer (write-desired.ts) evaluates the
 * condition against what is stored.
 */

const ENTITY_TAG = /^(?:W\/)?"[\u0021\u0023-\u007e]*"$/;

/** `*` or a quoted entity tag (RFC 9110 §8.8.3), else a 400 that shows the expected form. */
function entityTagOf(header: string, value: string): string {
  if (value === "*" || ENTITY_TAG.test(value)) return fromHttpEtag(value);
  throw new AppError(
    "VALIDATION",
    `${header} must be * or a quoted entity tag exactly as the ETag response header gives it, ` +
      `double quotes included, e.g. ${header}: "ZGF0ZXRpbWU…" (shell: -H '${header}: "…"').`,
    [{ path: `header.${header}`, message: 'must be * or a quoted entity tag such as "abc"' }],
  );
}

/** If-None-Match: * → create; If-Match: <etag>|* → replace; neither → create only if absent. */
export function writeConditionFrom(request: HttpRequest): WriteCondition {
  const ifMatch = request.headers.get("if-match")?.trim();
  const ifNoneMatch = request.headers.get("if-none-match")?.trim();
  if (ifMatch && ifNoneMatch)
    throw new AppError(
      "VALIDATION",
      "Send either If-Match (replace) or If-None-Match: * (create), not both.",
    );
  if (ifNoneMatch !== undefined && ifNoneMatch !== "") {
    if (ifNoneMatch !== "*")
      throw new AppError("VALIDATION", "If-None-Match supports only * (create if absent).");
    return { kind: "create" };
  }
  if (ifMatch) return { kind: "match", etag: entityTagOf("If-Match", ifMatch) };
  return { kind: "none" };
}

/** A destructive request names the version it removes: If-Match is required (428 without it). */
export function requiredIfMatch(request: HttpRequest, what: string): string {
  const ifMatch = request.headers.get("if-match")?.trim();
  if (!ifMatch)
    throw new AppError(
      "PRECONDITION_REQUIRED",
      `Send If-Match with the ETag of ${what} (GET it first), or If-Match: * to skip the check.`,
    );
  return entityTagOf("If-Match", ifMatch);
}
