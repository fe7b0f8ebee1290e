import { describe, expect, it } from "vitest";
import {
  dnsAnswerFindings,
  dnsAnswerOf,
  failoverBoundSeconds,
  failoverSpeedFindings,
  matchAnswerEndpoint,
  type DnsAnswer,
} from "../../src/core/dns-truth.js";
import { aMonitor, anEndpoint, aProfile } from "../support/builders/audit-builders.js";

const at = new Date("2026-03-01T10:00:00.000Z");
const profile = aProfile();
const answer = (endpoint: string | null, names: string[] = ["x.contoso.com"]): DnsAnswer => ({
  names,
  addresses: [],
  endpoint,
  resolvedAt: at.toISOString(),
});

describe("matchAnswerEndpoint", () => {
  it("matches a CNAME in the answer to an endpoint's target, ignoring case and the trailing dot", () => {
    expect(
      matchAnswerEndpoint(profile, { names: ["WEB-WESTUS.contoso.com."], addresses: [], resolvedAt: at }),
    ).toBe("web-westus");
  });

  it("matches an address to an IP target", () => {
    const ips = aProfile({ endpoints: [anEndpoint({ name: "a", target: "203.0.113.1", priority: 1 })] });
    expect(matchAnswerEndpoint(ips, { names: [], addresses: ["203.0.113.1"], resolvedAt: at })).toBe("a");
  });

  it("matches an address to the resolved addresses of an endpoint's target", () => {
    const input = {
      names: [],
      addresses: ["198.51.100.7"],
      targetAddresses: new Map([["web-northeu", ["198.51.100.7"]]]),
      resolvedAt: at,
    };
    expect(matchAnswerEndpoint(profile, input)).toBe("web-northeu");
  });

  it("is null when nothing in the answer belongs to an endpoint", () => {
    expect(
      dnsAnswerOf(profile, { names: ["elsewhere.net"], addresses: ["192.0.2.1"], resolvedAt: at }),
    ).toEqual({
      names: ["elsewhere.net"],
      addresses: ["192.0.2.1"],
      endpoint: null,
      resolvedAt: at.toISOString(),
    });
  });
});

describe("dnsAnswerFindings", () => {
  const fqdn = "contoso.trafficmanager.net";

  it("says nothing when the answer names the serving endpoint", () => {
    expect(dnsAnswerFindings(answer("web-eastus"), "web-eastus", undefined, fqdn)).toEqual([]);
  });

  it("is info on the first cycle the answer names another endpoint", () => {
    const [f] = dnsAnswerFindings(answer("web-westus"), "web-eastus", undefined, fqdn);
    expect(f).toMatchObject({
      code: "DNS_ANSWER_DISAGREES",
      severity: "info",
      expected: "web-eastus",
      actual: "web-westus",
    });
  });

  it("is a warning when the previous cycle disagreed too", () => {
    const previous = { dnsAnswer: answer("web-westus"), servingEndpoint: "web-eastus" };
    const [f] = dnsAnswerFindings(answer("web-westus"), "web-eastus", previous, fqdn);
    expect(f).toMatchObject({ code: "DNS_ANSWER_DISAGREES", severity: "warning" });
  });

  it("stays info when the previous cycle agreed", () => {
    const previous = { dnsAnswer: answer("web-eastus"), servingEndpoint: "web-eastus" };
    const [f] = dnsAnswerFindings(answer("web-westus"), "web-eastus", previous, fqdn);
    expect(f?.severity).toBe("info");
  });

  it("is info when the answer matches no endpoint", () => {
    const [f] = dnsAnswerFindings(answer(null, ["other.example.net"]), "web-eastus", undefined, fqdn);
    expect(f).toMatchObject({ code: "DNS_ANSWER_DISAGREES", severity: "info" });
  });

  it("says nothing when the lookup failed or the name had no records", () => {
    expect(
      dnsAnswerFindings({ ...answer(null, []), error: "ETIMEOUT" }, "web-eastus", undefined, fqdn),
    ).toEqual([]);
    expect(dnsAnswerFindings(answer(null, []), "web-eastus", undefined, fqdn)).toEqual([]);
  });
});

describe("failover bound", () => {
  it("is (tolerated + 1) × interval + timeout + TTL", () => {
    const p = aProfile({
      monitor: aMonitor({ toleratedNumberOfFailures: 3, intervalInSeconds: 30, timeoutInSeconds: 10 }),
      dns: { fqdn: "x.trafficmanager.net", ttl: 60 },
    });
    expect(failoverBoundSeconds(p)).toBe(4 * 30 + 10 + 60);
  });

  it("is unknown without a monitor config", () => {
    const { monitor: _drop, ...rest } = aProfile();
    expect(failoverBoundSeconds(rest)).toBeUndefined();
  });

  it("raises FAILOVER_TOO_SLOW only when the bound exceeds maxFailoverSeconds", () => {
    expect(failoverSpeedFindings(190, 200)).toEqual([]);
    expect(failoverSpeedFindings(190, undefined)).toEqual([]);
    expect(failoverSpeedFindings(190, 60)[0]).toMatchObject({
      code: "FAILOVER_TOO_SLOW",
      severity: "warning",
      expected: 60,
      actual: 190,
    });
  });
});

describe("matchAnswerEndpoint with a shared address", () => {
  it("names the enabled endpoint first in priority order", () => {
    const shared = aProfile({
      endpoints: [
        anEndpoint({ name: "primary", target: "127.0.0.1", priority: 1, enabled: false }),
        anEndpoint({ name: "backup", target: "127.0.0.1", priority: 2 }),
      ],
    });
    expect(matchAnswerEndpoint(shared, { names: [], addresses: ["127.0.0.1"], resolvedAt: at })).toBe(
      "backup",
    );
  });
});
