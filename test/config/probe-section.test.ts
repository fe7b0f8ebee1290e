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
      certWarningDays: 21,
      certCriticalDays: 7,
      profileConcurrency: 16,
    });
  });

  it("reads every setting", () => {
    const env = {
      PROBE_ENABLED: "false",
      SERVING_BASIS: "both",
      PROBE_CONCURRENCY: "2000",
      CERT_WARN_DAYS: "30",
      CERT_CRITICAL_DAYS: "10",
      DNS_SERVERS: "127.0.0.1:5353, 1.1.1.1,[::1]:53",
      AUDIT_PROFILE_CONCURRENCY: "4",
    };
    expect(parse(env).data).toEqual({
      enabled: false,
      basis: "both",
      basisSetting: "both",
      concurrency: 2000,
      certWarningDays: 30,
      certCriticalDays: 10,
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

  it("accepts the deprecated CERT_WARNING_DAYS as an alias of CERT_WARN_DAYS", () => {
    expect(parse({ CERT_WARNING_DAYS: "30" }).data).toMatchObject({ certWarningDays: 30 });
    expect(parse({ CERT_WARNING_DAYS: "30", CERT_WARN_DAYS: "30" }).data).toMatchObject({
      certWarningDays: 30,
    });
  });

  it("rejects CERT_WARNING_DAYS and CERT_WARN_DAYS set to different values, naming the alias", () => {
    const result = parse({ CERT_WARNING_DAYS: "30", CERT_WARN_DAYS: "21" });
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(["CERT_WARNING_DAYS"]);
    expect(issue?.message).toContain("deprecated alias of CERT_WARN_DAYS");
  });

  it("rejects CERT_CRITICAL_DAYS above CERT_WARN_DAYS", () => {
    expect(problems({ CERT_WARN_DAYS: "5", CERT_CRITICAL_DAYS: "7" })).toEqual(["CERT_CRITICAL_DAYS"]);
  });
});

describe("DNS_RESOLVERS", () => {
  it("names the resolvers for DNS truth and wins over DNS_SERVERS", () => {
    const parsed = parse({ DNS_RESOLVERS: "127.0.0.1:5353", DNS_SERVERS: "1.1.1.1" });
    expect(parsed.data?.dnsServers).toEqual(["127.0.0.1:5353"]);
  });
});
