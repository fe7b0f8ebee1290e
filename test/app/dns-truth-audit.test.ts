import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDnsResolver } from "../../src/adapters/dns/create-dns-resolver.js";
import { MemoryProbeStateStore } from "../../src/adapters/memory/memory-probe-state-store.js";
import { auditProfiles, type AuditDeps, type AuditOptions } from "../../src/app/run-audit.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import { aProfile } from "../support/builders/audit-builders.js";
import { startDnsServer, type DnsServer } from "../support/dns-server.js";
import {
  FakeDesiredStore,
  FakeLiveSource,
  FakeReportStore,
  fixedClock,
} from "../support/fakes/audit-fakes.js";

const options: AuditOptions = {
  probe: false,
  basis: "traffic-manager",
  certWarningDays: 14,
  profileConcurrency: 1,
  checkDns: true,
};
const desired: DesiredState = {
  routingMethod: "Priority",
  endpoints: [
    { name: "web-eastus", enabled: true },
    { name: "web-westus", enabled: true },
    { name: "web-northeu", enabled: true },
  ],
  maxFailoverSeconds: 60,
};

describe("DNS truth in the audit, against a local DNS server", () => {
  let server: DnsServer;
  let deps: AuditDeps;
  let reports: FakeReportStore;

  beforeAll(async () => {
    // Traffic Manager's name answers with the standby although the primary is Online: wrong endpoint.
    server = await startDnsServer({
      "contoso.trafficmanager.net": { cname: "web-westus.contoso.com" },
      "web-westus.contoso.com": { a: "10.0.0.2" },
      "fabrikam.trafficmanager.net": { cname: "web-eastus.contoso.com" },
      "web-eastus.contoso.com": { a: "10.0.0.1" },
      "stray.trafficmanager.net": { cname: "parking.example.net" },
      "parking.example.net": { a: "10.9.9.9" },
    });
    reports = new FakeReportStore();
    deps = {
      live: new FakeLiveSource([aProfile(), aProfile({ name: "fabrikam" }), aProfile({ name: "stray" })]),
      desired: new FakeDesiredStore({ "sub1/rg1/contoso": desired }),
      probeState: new MemoryProbeStateStore(),
      clock: fixedClock(),
      dns: createDnsResolver({ servers: [server.address], timeoutMs: 1000 }),
      reports,
    };
  });
  afterAll(async () => {
    await server.close();
  });

  const contoso = [{ subscriptionId: "sub1", resourceGroup: "rg1", profileName: "contoso" }];

  it("reports the answer and an info DNS_ANSWER_DISAGREES on the first cycle, a warning on the next", async () => {
    const first = (await auditProfiles(deps, contoso, options)).reports[0]!;
    expect(first.dnsAnswer).toEqual({
      names: ["web-westus.contoso.com"],
      addresses: ["10.0.0.2"],
      endpoint: "web-westus",
      resolvedAt: "2026-03-01T10:00:00.000Z",
    });
    expect(first.findings.find((f) => f.code === "DNS_ANSWER_DISAGREES")?.severity).toBe("info");
    const second = (await auditProfiles(deps, contoso, options)).reports[0]!;
    expect(second.findings.find((f) => f.code === "DNS_ANSWER_DISAGREES")).toMatchObject({
      severity: "warning",
      expected: "web-eastus",
      actual: "web-westus",
    });
  });

  it("adds failoverBoundSeconds and FAILOVER_TOO_SLOW above the desired maxFailoverSeconds", async () => {
    const report = (await auditProfiles(deps, contoso, options)).reports[0]!;
    expect(report.failoverBoundSeconds).toBe(4 * 30 + 10 + 60);
    expect(report.findings.find((f) => f.code === "FAILOVER_TOO_SLOW")).toMatchObject({
      actual: 190,
      expected: 60,
    });
  });

  it("raises nothing when the answer names the serving endpoint", async () => {
    const key = [{ subscriptionId: "sub1", resourceGroup: "rg1", profileName: "fabrikam" }];
    const report = (await auditProfiles(deps, key, options)).reports[0]!;
    expect(report.dnsAnswer?.endpoint).toBe("web-eastus");
    expect(report.findings.map((f) => f.code)).not.toContain("DNS_ANSWER_DISAGREES");
  });

  it("says info when the answer matches no endpoint", async () => {
    const key = [{ subscriptionId: "sub1", resourceGroup: "rg1", profileName: "stray" }];
    const report = (await auditProfiles(deps, key, options)).reports[0]!;
    expect(report.dnsAnswer?.endpoint).toBeNull();
    expect(report.findings.find((f) => f.code === "DNS_ANSWER_DISAGREES")?.severity).toBe("info");
  });
});
