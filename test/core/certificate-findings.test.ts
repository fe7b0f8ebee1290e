import { describe, expect, it } from "vitest";
import { certificateFindings, DEFAULT_CERTIFICATE_POLICY } from "../../src/core/certificate-findings.js";
import type { CertificateFacts } from "../../src/core/probe-result.js";

function cert(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: "CN=app.contoso.com",
    issuer: "CN=Example CA",
    validFrom: "2026-01-01T00:00:00.000Z",
    validTo: "2027-01-01T00:00:00.000Z",
    daysToExpiry: 365,
    trusted: true,
    hostnameMatches: true,
    selfSigned: false,
    names: ["app.contoso.com", "*.contoso.net"],
    ...overrides,
  };
}

const check = (certificate: CertificateFacts | undefined, names: string[] = ["app.contoso.com"]) =>
  certificateFindings({ endpoint: "web", certificate, names, policy: DEFAULT_CERTIFICATE_POLICY });
const summary = (fs: { code: string; severity: string }[]) => fs.map((f) => `${f.code}:${f.severity}`);

describe("certificateFindings", () => {
  it("says nothing about a certificate with a year left that covers every name clients use", () => {
    expect(check(cert(), ["app.contoso.com", "www.contoso.net"])).toEqual([]);
  });

  it("warns at CERT_WARN_DAYS days left, not one day before", () => {
    expect(summary(check(cert({ daysToExpiry: 22 })))).toEqual([]);
    expect(summary(check(cert({ daysToExpiry: 21 })))).toEqual(["CERT_EXPIRING:warning"]);
  });

  it("is critical at CERT_CRITICAL_DAYS days left and once expired", () => {
    expect(summary(check(cert({ daysToExpiry: 8 })))).toEqual(["CERT_EXPIRING:warning"]);
    expect(summary(check(cert({ daysToExpiry: 7 })))).toEqual(["CERT_EXPIRING:critical"]);
    expect(summary(check(cert({ daysToExpiry: 0 })))).toEqual(["CERT_EXPIRING:critical"]);
    const expired = check(cert({ daysToExpiry: -3 }));
    expect(summary(expired)).toEqual(["CERT_EXPIRING:critical"]);
    expect(expired[0]?.message).toContain("expired on");
  });

  it("files a name clients use that the certificate does not cover as CERT_NAME_MISMATCH warning", () => {
    const found = check(cert(), ["app.contoso.com", "shop.fabrikam.com"]);
    expect(summary(found)).toEqual(["CERT_NAME_MISMATCH:warning"]);
    expect(found[0]).toMatchObject({ expected: ["shop.fabrikam.com"], endpoint: "web" });
  });

  it("never makes a name mismatch critical, even next to an expiring certificate", () => {
    expect(summary(check(cert({ daysToExpiry: 3 }), ["other.example.com"]))).toEqual([
      "CERT_EXPIRING:critical",
      "CERT_NAME_MISMATCH:warning",
    ]);
  });

  it("does no name check when there is no name to check (IP target without a Host header)", () => {
    expect(check(cert({ hostnameMatches: false, names: ["localhost"] }), [])).toEqual([]);
  });

  it("reports a certificate that could not be parsed as info, never drops it", () => {
    const found = certificateFindings({
      endpoint: "web",
      unreadable: "unsupported public key",
      names: [],
      policy: DEFAULT_CERTIFICATE_POLICY,
    });
    expect(summary(found)).toEqual(["CERT_EXPIRING:info"]);
    expect(found[0]?.message).toContain("could not be parsed (unsupported public key)");
  });
});
