/**
 * Table storage ETags look like `W/"datetime'2026-…%3A…Z'"`: weak (If-Match compares strongly)
 * and full of quotes that are awkward in shells. The API hands out the same token losslessly
 * encoded as a strong ETag, `"<base64url of the table ETag>"`, and decodes If-Match back, so the
 * storage-side ETag check still decides.
 */
export function toHttpEtag(storeEtag: string): string {
  return `"${Buffer.from(storeEtag, "utf8").toString("base64url")}"`;
}

/** The store ETag inside an If-Match value; `*` stays `*`; anything else can never match. */
export function fromHttpEtag(value: string): string {
  const v = value.trim();
  if (v === "*") return "*";
  const m = /^(?:W\/)?"([A-Za-z0-9_-]*)"$/.exec(v);
  return m ? Buffer.from(m[1]!, "base64url").toString("utf8") : `unmatched:${v}`;
}
