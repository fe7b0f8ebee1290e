import { describe, expect, it } from "vitest";
import { cnameFindings } from "../../src/core/dns-findings.js";

const FQDN = "contoso.trafficmanager.net";

describe("cnameFindings", () => {
  it("finds nothing when the chain reaches the fqdn, ignoring case and trailing dots", () => {
    expect(
      cnameFindings(FQDN, [
        { domain: "www.contoso.com", chain: ["www.contoso.com", "Contoso.TrafficManager.net."] },
      ]),
    ).toEqual([]);
  });

  it("raises a critical DNS_CNAME_DRIFT with the chain when the fqdn is not reached", () => {
    const [finding] = cnameFindings(FQDN, [
      { domain: "www.contoso.com", chain: ["www.contoso.com", "old.cloudapp.net"] },
    ]);
    expect(finding).toMatchObject({ code: "DNS_CNAME_DRIFT", severity: "critical", expected: FQDN });
    expect(finding?.message).toContain("www.contoso.com -> old.cloudapp.net");
  });

  it("raises a warning when the lookup failed", () => {
    const [finding] = cnameFindings(FQDN, [{ domain: "www.contoso.com", error: "ESERVFAIL" }]);
    expect(finding).toMatchObject({
      code: "DNS_CNAME_DRIFT",
      severity: "warning",
      actual: { error: "ESERVFAIL" },
    });
  });

  it("raises DNS_CNAME_DRIFT when the profile has no fqdn to compare with", () => {
    expect(
      cnameFindings(undefined, [{ domain: "www.contoso.com", chain: ["www.contoso.com"] }]),
    ).toHaveLength(1);
  });
});
