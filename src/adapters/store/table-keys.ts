/**
 * PartitionKey/RowKey may not contain `/ \ # ?` or control characters, and some tools mishandle
 * `%` and `'` in keys. Profile keys are `sub/rg/name` with Unicode resource-group names, so every
 * character outside `[A-Za-z0-9._-]` is percent-encoded as UTF-8 with `!` in place of `%`.
 * The mapping is one-to-one, so `unescapeKey(escapeKey(k)) === k` for every string.
 */
export function escapeKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)
    .replace(/%/g, "!");
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
