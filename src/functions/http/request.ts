import type { HttpRequest } from "@azure/functions";
import { AppError } from "../../app/errors.js";

/** Desired documents are small; Table storage also caps a property at 64 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** `{sub}/{rg}/{name}` from the route, as the lower-case profile key. */
export function profileFromRoute(request: HttpRequest): string {
  const { sub, rg, name } = request.params;
  const parts = [sub, rg, name];
  if (parts.some((p) => p === undefined || p.trim() === "" || p.includes("/")))
    throw new AppError(
      "VALIDATION",
      "The route must be /api/profiles/{subscriptionId}/{resourceGroup}/{profileName}/…",
    );
  return parts.join("/").toLowerCase();
}

function isJsonMediaType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON body: media type first (415), then size (413, from Content-Length and while
 * reading, so an oversized body is never buffered whole or parsed), then JSON syntax (400).
 */
export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  if (!isJsonMediaType(request.headers.get("content-type")))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the document as Content-Type: application/json.");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw payloadTooLarge();
  const bytes = await readCapped(request);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION", "The body is not valid UTF-8.", [
      { path: "$", message: "is not valid UTF-8" },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : "invalid JSON";
    throw new AppError("VALIDATION", `The body is not valid JSON: ${message}`, [
      { path: "$", message: "is not valid JSON" },
    ]);
  }
}

async function readCapped(request: HttpRequest): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw payloadTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function payloadTooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body exceeds ${MAX_BODY_BYTES} bytes (64 KiB).`);
}

// If-Match / If-None-Match are parsed in one place; re-exported so existing imports keep working.
export { writeConditionFrom } from "./preconditions.js";

/** Who made the change, from App Service authentication headers; else the function key was the credential. */
export function callerOf(request: HttpRequest, trustPrincipalHeaders: boolean): string {
  // Without App Service authentication anyone holding a function key could set these headers.
  if (!trustPrincipalHeaders) return "function-key";
  const name = request.headers.get("x-ms-client-principal-name");
  if (name?.trim()) return clean(name);
  const principal = request.headers.get("x-ms-client-principal");
  if (principal) {
    try {
      const parsed = JSON.parse(Buffer.from(principal, "base64").toString("utf8")) as {
        name_typ?: string;
        claims?: { typ?: string; val?: string }[];
      };
      const wanted = [parsed.name_typ, "name", "preferred_username", "email", "upn"];
      for (const typ of wanted) {
        const claim = parsed.claims?.find((c) => typ !== undefined && c.typ === typ && c.val);
        if (claim?.val) return clean(claim.val);
      }
    } catch {
      // A malformed principal header is ignored: the function key still authorised the call.
    }
  }
  return "function-key";
}

/** C0 controls and DEL, built from code points so the source holds no control characters. */
const CONTROL_CHARS = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}]`,
  "g",
);

function clean(value: string): string {
  return value.replace(CONTROL_CHARS, "").trim().slice(0, 256) || "function-key";
}

export function flag(request: HttpRequest, name: string): boolean {
  return ["true", "1", "yes"].includes((request.query.get(name) ?? "").toLowerCase());
}
