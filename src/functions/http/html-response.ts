import type { HttpResponseInit } from "@azure/functions";

/**
 * A server-rendered page. The CSP allows nothing but its own inline style and SVG: the page loads
 * no script, font or image from anywhere, so it cannot leak or be altered by a third party.
 */
export function htmlResponse(status: number, html: string): HttpResponseInit {
  return {
    status,
    body: html,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  };
}

/** `?code=…` when the caller authenticated with a function key in the query, so links between pages keep working. */
export function keyQuery(query: URLSearchParams): string {
  const code = query.get("code");
  return code ? `?code=${encodeURIComponent(code)}` : "";
}
