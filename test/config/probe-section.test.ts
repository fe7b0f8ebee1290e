import { describe, expect, it } from "vitest";
import { probeSection } from "../../src/config/sections/probe.js";

function parse(env: Record<string, string>) {
  return probeSection.safeParse(env);
}

function problems(env: Record<string, string>): string[] {
  const result = parse(env);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("probe config section", () => {
  it("uses the defaults when nothing is set", () => {
    expect(parse({}).data).toEqual({
      enabled: true,
      basis: "traffic-manager",
      concurrency: 1000,
      certWarningDays: 14,
      profileConcurrency: 16,
    });
  });

  it("reads every setting", () => {
    const env = {
      PROBE_ENABLED: "false",
      SERVING_BASIS: "both",
      PROBE_CONCURRENCY: "2000",
      CERT_WARNING_DAYS: "30",
      DNS_SERVERS: "127.0.0.1:5353, 1.1.1.1,[::1]:53",
      AUDIT_PROFILE_CONCURRENCY: "4",
    };
    expect(parse(env).data).toEqual({
      enabled: false,
      basis: "both",
      concurrency: 2000,
      certWarningDays: 30,
      dnsServers: ["127.0.0.1:5353", "1.1.1.1", "[::1]:53"],
      profileConcurrency: 4,
    });
  });

  it("names each invalid setting", () => {
    expect(
      problems({
        PROBE_ENABLED: "maybe",
        SERVING_BASIS: "dns",
        PROBE_CONCURRENCY: "0",
        CERT_WARNING_DAYS: "soon",
        DNS_SERVERS: "dns.example.com",
        AUDIT_PROFILE_CONCURRENCY: "1.5",
      }).sort(),
    ).toEqual([
      "AUDIT_PROFILE_CONCURRENCY",
      "CERT_WARNING_DAYS",
      "DNS_SERVERS",
      "PROBE_CONCURRENCY",
      "PROBE_ENABLED",
      "SERVING_BASIS",
    ]);
  });
});

describe("DNS_RESOLVERS", () => {
  it("names the resolvers for DNS truth and wins over DNS_SERVERS", () => {
    const parsed = parse({ DNS_RESOLVERS: "127.0.0.1:5353", DNS_SERVERS: "1.1.1.1" });
    expect(parsed.data?.dnsServers).toEqual(["127.0.0.1:5353"]);
  });
});
