import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDnsResolver } from "../../../src/adapters/dns/create-dns-resolver.js";
import type { DnsResolver } from "../../../src/app/ports/dns-resolver.js";
import { cnameFindings } from "../../../src/core/dns-findings.js";
import { startDnsServer, type DnsServer } from "../../support/dns-server.js";

const FQDN = "contoso-tm.trafficmanager.net";

describe("DNS resolver against a local DNS server", () => {
  let server: DnsServer;
  let resolver: DnsResolver;

  beforeAll(async () => {
    server = await startDnsServer({
      "www.contoso.com": { cname: "contoso-tm.trafficmanager.net" },
      "contoso-tm.trafficmanager.net": { cname: "web-eastus.azurewebsites.net" },
      "web-eastus.azurewebsites.net": { a: "10.0.0.1" },
      "shop.contoso.com": { cname: "shop.contoso-cdn.net" },
      "shop.contoso-cdn.net": { a: "10.0.0.2" },
      "apex.contoso.com": { a: "10.0.0.3" },
      "broken.contoso.com": { servfail: true },
      "loop-a.contoso.com": { cname: "loop-b.contoso.com" },
      "loop-b.contoso.com": { cname: "loop-a.contoso.com" },
    });
    resolver = createDnsResolver({ servers: [server.address], timeoutMs: 1000 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("follows a CNAME chain that reaches the Traffic Manager name", async () => {
    const chain = await resolver.resolveCnameChain("www.contoso.com");
    expect(chain).toEqual(["www.contoso.com", FQDN, "web-eastus.azurewebsites.net"]);
    expect(cnameFindings(FQDN, [{ domain: "www.contoso.com", chain }])).toEqual([]);
  });

  it("raises DNS_CNAME_DRIFT with the chain found when the chain does not reach it", async () => {
    const chain = await resolver.resolveCnameChain("shop.contoso.com");
    expect(chain).toEqual(["shop.contoso.com", "shop.contoso-cdn.net"]);
    const [finding] = cnameFindings(FQDN, [{ domain: "shop.contoso.com", chain }]);
    expect(finding).toMatchObject({
      code: "DNS_CNAME_DRIFT",
      severity: "critical",
      expected: FQDN,
      actual: { domain: "shop.contoso.com", chain: ["shop.contoso.com", "shop.contoso-cdn.net"] },
    });
  });

  it("ends the chain at a name without a CNAME", async () => {
    expect(await resolver.resolveCnameChain("apex.contoso.com")).toEqual(["apex.contoso.com"]);
  });

  it("ends the chain at a name that does not exist", async () => {
    expect(await resolver.resolveCnameChain("nothing.contoso.com")).toEqual(["nothing.contoso.com"]);
  });

  it("throws when the server fails, so the check reports an error instead of drift", async () => {
    await expect(resolver.resolveCnameChain("broken.contoso.com")).rejects.toThrow(/broken\.contoso\.com/);
  });

  it("throws on a CNAME loop", async () => {
    await expect(resolver.resolveCnameChain("loop-a.contoso.com")).rejects.toThrow(/loop/);
  });
});
