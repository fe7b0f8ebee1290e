import { describe, expect, it } from "vitest";
import { describeExpectedStatus, isExpectedStatus } from "../../src/core/probe-status.js";

describe("isExpectedStatus", () => {
  it("accepts only 200 when no ranges are given", () => {
    expect(isExpectedStatus(200, [])).toBe(true);
    expect([201, 204, 301, 302, 401, 500].map((s) => isExpectedStatus(s, []))).toEqual(Array(6).fill(false));
  });

  it("accepts a status inside any range, bounds included", () => {
    const ranges = [
      { min: 200, max: 299 },
      { min: 401, max: 401 },
    ];
    expect([200, 299, 401].every((s) => isExpectedStatus(s, ranges))).toBe(true);
  });

  it("rejects 200 when the ranges leave it out", () => {
    expect(isExpectedStatus(200, [{ min: 301, max: 302 }])).toBe(false);
  });

  it("describes the expected codes for messages", () => {
    expect(describeExpectedStatus([])).toBe("200");
    expect(
      describeExpectedStatus([
        { min: 200, max: 299 },
        { min: 401, max: 401 },
      ]),
    ).toBe("200-299, 401");
  });
});
