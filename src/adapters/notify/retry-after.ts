/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(
  value: string | string[] | undefined | null,
  nowMs: number,
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw.trim() === "") return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Whether an HTTP failure status is worth retrying: timeouts, throttling and server errors. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Removes URLs and signature-like query values from a receiver's error text before logging it. */
export function redact(text: string): string {
  return text
    .replace(/https?:\/\/\S+/gi, "<url>")
    .replace(/(sig|signature|code|key|token)=[^&\s"']+/gi, "$1=<redacted>")
    .replace(/\s+/g, " ")
    .slice(0, 200);
}
