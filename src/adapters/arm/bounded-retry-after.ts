import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { retryAfterFromHeaders } from "../../core/retry-after.js";

/**
 * Longest Retry-After we wait out inside one cycle. The SDK honours any Retry-After, so a throttled
 * subscription answering "Retry-After: 3600" would hold the timer until functionTimeout kills it
 * and no report at all would be written; past this bound the subscription is reported instead.
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** Raised when ARM asks for a longer wait than we are willing to spend in this cycle. */
export class RetryAfterTooLong extends Error {
  override readonly name = "RetryAfterTooLong";
  constructor(
    readonly status: number,
    readonly waitMs: number,
    readonly maxWaitMs: number,
  ) {
    super(
      `ARM answered ${String(status)} asking to retry after ${String(Math.ceil(waitMs / 1000))} s, ` +
        `more than the ${String(Math.ceil(maxWaitMs / 1000))} s one cycle waits`,
    );
  }
}

/**
 * Sits inside the SDK's retry loop (position "perRetry") and fails a 429/503 whose Retry-After
 * exceeds `maxWaitMs` before the retry policy starts sleeping. A non-RestError is not retried.
 */
export function boundedRetryAfterPolicy(maxWaitMs: number): PipelinePolicy {
  return {
    name: "tmSentinelBoundedRetryAfter",
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status !== 429 && response.status !== 503) return response;
      const wait = retryAfterFromHeaders((name) => response.headers.get(name), Date.now());
      if (wait !== undefined && wait > maxWaitMs)
        throw new RetryAfterTooLong(response.status, wait, maxWaitMs);
      return response;
    },
  };
}
