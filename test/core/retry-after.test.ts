import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, retryAfterFromHeaders } from "../../src/core/retry-after.js";

const headers = (h: Record<string, string>) => (name: string) => h[name];
const now = Date.parse("2026-01-01T00:00:00Z");

describe("retryAfterFromHeaders", () => {
  it("prefers Azure's millisecond headers to Retry-After", () => {
    expect(retryAfterFromHeaders(headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(retryAfterFromHeaders(headers({ "x-ms-retry-after-ms": "1500" }), now)).toBe(1500);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterFromHeaders(headers({ "retry-after": "30" }), now)).toBe(30_000);
    expect(retryAfterFromHeaders(headers({ "retry-after": "Thu, 01 Jan 2026 00:01:00 GMT" }), now)).toBe(
      60_000,
    );
  });

  it("ignores what is not a wait, and caps a very long one", () => {
    expect(retryAfterFromHeaders(headers({ "retry-after": "1.5" }), now)).toBeUndefined();
    expect(retryAfterFromHeaders(headers({}), now)).toBeUndefined();
    expect(retryAfterFromHeaders(headers({ "retry-after": "999999" }), now)).toBe(MAX_RETRY_AFTER_MS);
  });
});
