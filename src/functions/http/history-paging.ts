import type { HttpRequest } from "@azure/functions";
import { AppError } from "../../app/errors.js";
import type { DesiredHistoryQuery } from "../../app/desired-history.js";

export const HISTORY_TOP_DEFAULT = 20;
export const HISTORY_TOP_MAX = 100;

/**
 * `?top=` (1–100, default 20) and `?continuation=` (opaque, from the previous page) → a page
 * query; a bad value is a 400 naming the query parameter. The token is `v<version>` in
 * base64url: opaque to callers so its form can change without breaking them.
 */
export function historyQueryFrom(request: HttpRequest): DesiredHistoryQuery {
  const topRaw = request.query.get("top");
  let top = HISTORY_TOP_DEFAULT;
  if (topRaw !== null) {
    top = /^\d{1,3}$/.test(topRaw) ? Number(topRaw) : NaN;
    if (!(top >= 1 && top <= HISTORY_TOP_MAX))
      throw new AppError("VALIDATION", `top must be a whole number from 1 to ${HISTORY_TOP_MAX}.`, [
        { path: "query.top", message: `must be a whole number from 1 to ${HISTORY_TOP_MAX}` },
      ]);
  }
  const token = request.query.get("continuation");
  if (token === null) return { top };
  const m = /^v([1-9]\d{0,9})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m || encodeToken(Number(m[1])) !== token)
    throw new AppError(
      "VALIDATION",
      "continuation must be the value of `continuation` from the previous page.",
      [{ path: "query.continuation", message: "must be a token from the previous page" }],
    );
  return { top, beforeVersion: Number(m[1]) };
}

export function encodeToken(beforeVersion: number): string {
  return Buffer.from(`v${beforeVersion}`, "utf8").toString("base64url");
}
