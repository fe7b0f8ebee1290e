// The one reader of "wait before retrying" headers, for every adapter that talks HTTP (ARM
// throttling, Teams, ACS e-mail). Pure: the caller passes the current time.

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

/**
 * The wait a response asks for, reading Azure's millisecond headers (`retry-after-ms`,
 * `x-ms-retry-after-ms`) first, as the Azure SDK's throttling policy does, then `Retry-After`.
 */
export function retryAfterFromHeaders(
  header: (name: string) => string | undefined | null,
  nowMs: number,
): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const text = header(name)?.trim();
    if (text && /^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_MS);
  }
  return parseRetryAfter(header("retry-after"), nowMs);
}
