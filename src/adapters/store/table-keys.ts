import { createHash } from "node:crypto";

/**
 * PartitionKey/RowKey may not contain `/ \ # ?` or control characters, and some tools mishandle
 * `%` and `'` in keys. Profile keys are `sub/rg/name` with Unicode resource-group names, so every
 * character outside `[A-Za-z0-9._-]` is percent-encoded as UTF-8 with `!` in place of `%`.
 * The mapping is one-to-one, so `unescapeKey(escapeKey(k)) === k` for every key it does not hash.
 *
 * A key is at most 1 KiB, i.e. 512 UTF-16 characters. Percent-encoding multiplies a CJK character
 * by 9, so a valid 90-character Unicode resource-group name alone can exceed that; such keys (and
 * ill-formed UTF-16, which cannot be encoded) become `~` plus their SHA-256, which no encoded key
 * can equal (`~` is always encoded). Every entity also stores the plain key, so nothing needs to
 * reverse a hashed one.
 */
export const MAX_KEY_CHARS = 512;

export function escapeKey(key: string): string {
  const escaped = percentEncode(key);
  if (escaped !== undefined && escaped.length <= MAX_KEY_CHARS) return escaped;
  return `~${createHash("sha256").update(Buffer.from(key, "utf16le")).digest("base64url")}`;
}

function percentEncode(key: string): string | undefined {
  try {
    return encodeURIComponent(key)
      .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)
      .replace(/%/g, "!");
  } catch {
    return undefined; // URIError: a lone surrogate
  }
}

export function unescapeKey(escaped: string): string {
  return decodeURIComponent(escaped.replace(/!/g, "%"));
}

/**
 * A string property holds at most 64 KiB as UTF-16, i.e. 32 Ki UTF-16 code units. Long JSON is
 * stored as `<name>0`, `<name>1`, … of at most CHUNK code units each plus `<name>Parts`.
 */
const CHUNK = 30_000;

export function toChunks(name: string, text: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  let parts = 0;
  let i = 0;
  do {
    // Never split a surrogate pair: the service rejects lone surrogates.
    let end = Math.min(i + CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out[`${name}${parts}`] = text.slice(i, end);
    parts += 1;
    i = end;
  } while (i < text.length);
  out[`${name}Parts`] = parts;
  return out;
}

export function fromChunks(name: string, entity: Record<string, unknown>): string | undefined {
  const parts = entity[`${name}Parts`];
  if (typeof parts !== "number") return undefined;
  let text = "";
  for (let i = 0; i < parts; i += 1) {
    const part = entity[`${name}${i}`];
    if (typeof part !== "string") return undefined;
    text += part;
  }
  return text;
}
