import { describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF, retryDelayMs } from "../../../src/core/alerts/retry-delay.js";

describe("retryDelayMs", () => {
  it("doubles from the base delay with each failed attempt", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_BACKOFF))).toEqual([
      60_000, 120_000, 240_000, 480_000,
    ]);
  });

  it("never exceeds the maximum delay", () => {
    expect(retryDelayMs(50, DEFAULT_BACKOFF)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it("waits at least as long as Retry-After asks", () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, 600_000)).toBe(600_000);
    expect(retryDelayMs(3, DEFAULT_BACKOFF, 1000)).toBe(240_000);
  });
});
