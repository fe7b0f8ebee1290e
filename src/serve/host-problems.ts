import type { HttpResponseInit } from "@azure/functions";

/**
 * Problems the local host answers itself (no handler ran): the same RFC 9457 shape and `type`
 * scheme as the handlers' problems (src/functions/http/problem.ts), for statuses that have no
 * AppError code.
 */
export function hostProblem(status: number, title: string, detail: string): HttpResponseInit {
  return {
    status,
    body: JSON.stringify({ type: typeOf(title), title, status, detail }),
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  };
}

function typeOf(title: string): string {
  return `urn:tm-sentinel:problem:${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

const TITLES: Record<number, string> = { 400: "Bad request", 431: "Request header fields too large" };

/** A whole HTTP/1.1 response for a socket whose request could not be parsed at all. */
export function rawProblem(status: 400 | 431): string {
  const title = TITLES[status] ?? "Bad request";
  const body = JSON.stringify({
    type: typeOf(title),
    title,
    status,
    detail: "The request is not valid HTTP/1.1.",
  });
  return (
    `HTTP/1.1 ${String(status)} ${title}\r\n` +
    "content-type: application/problem+json\r\ncache-control: no-store\r\nconnection: close\r\n" +
    `content-length: ${String(Buffer.byteLength(body))}\r\n\r\n${body}`
  );
}
