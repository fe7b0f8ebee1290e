import type { HttpResponseInit } from "@azure/functions";
import type { StoredSilence } from "../../app/ports/silence-store.js";
import { toHttpEtag } from "./etag.js";
import { jsonResponse } from "./respond.js";

/** The silence as JSON (without the store's ETag, which goes in the ETag header). */
export function silenceBody(stored: StoredSilence): Record<string, unknown> {
  const { etag: _etag, ...silence } = stored;
  return silence;
}

export function silenceResponse(
  status: number,
  stored: StoredSilence,
  extra: Record<string, string> = {},
): HttpResponseInit {
  return jsonResponse(status, silenceBody(stored), { etag: toHttpEtag(stored.etag), ...extra });
}

/** The id from `silences/{id}`. */
export function silenceIdOf(params: Record<string, string | undefined>): string {
  return params["id"] ?? "";
}
