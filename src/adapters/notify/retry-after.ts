/** A receiver asking for more than this is capped: the outbox's own backoff and maximum age rule. */
export const MAX_RETRY_AFTER_MS = 6 * 3_600_000;

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3),
 * at most MAX_RETRY_AFTER_MS. Undefined when absent or unreadable; a date in the past means "now".
 */
export function parseRetryAfter(
  value: string | string[] | undefined | null,
  nowMs: number,
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw.trim() === "") return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // Only an HTTP date: Date.parse alone would also read "1.5" or "-1" as some date.
  if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}

/** Whether an HTTP failure status is worth retrying: timeouts, throttling and server errors. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Removes URLs (any scheme: `smtp://user:pass@…` too), user:password@host pairs and signature-like
 * query values from a receiver's or library's error text before logging it.
 */
export function redact(text: string): string {
  return text
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
    .replace(/[^\s:/@]+:[^\s@]+@[^\s]+/g, "<credentials>")
    .replace(/(sig|signature|code|key|token)=[^&\s"']+/gi, "$1=<redacted>")
    .replace(/\s+/g, " ")
    .slice(0, 200);
}
