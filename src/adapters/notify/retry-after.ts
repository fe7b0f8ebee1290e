// The parser itself lives in src/core/retry-after.ts (one reader for every adapter); re-exported
// here for the notify senders, next to the other helpers they share.
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from "../../core/retry-after.js";

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
