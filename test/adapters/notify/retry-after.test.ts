import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter, redact } from "../../../src/adapters/notify/retry-after.js";

const NOW = Date.parse("2026-03-01T10:00:00.000Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120_000);
  });

  it("reads an HTTP date as the time left until it", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 10:02:00 GMT", NOW)).toBe(120_000);
  });

  it("treats an HTTP date in the past as now", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 09:00:00 GMT", NOW)).toBe(0);
  });

  it("caps a receiver asking for days", () => {
    expect(parseRetryAfter("864000", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Wed, 01 Apr 2026 10:00:00 GMT", NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it("ignores values that are neither seconds nor an HTTP date", () => {
    for (const value of ["1.5", "-1", "soon"]) expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe("redact", () => {
  it("removes an SMTP URL with its password from error text", () => {
    const text = redact("connect failed for smtp://alerts:Pa55word!@relay.contoso.com:587 (timeout)");
    expect(text).not.toContain("Pa55word");
    expect(text).toContain("<url>");
  });

  it("removes a user:password@host pair without a scheme", () => {
    expect(redact("login alerts:Pa55word@relay.contoso.com refused")).not.toContain("Pa55word");
  });

  it("removes a webhook URL with its signature", () => {
    const text = redact("POST https://prod.westeurope.logic.azure.com/workflows/x?sig=S3cr3t failed");
    expect(text).not.toContain("S3cr3t");
  });
});
