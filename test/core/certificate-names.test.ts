import { describe, expect, it } from "vitest";
import { certificateNameCovers, clientNames } from "../../src/core/certificate-names.js";
import { buildEndpoint, buildMonitor } from "../support/builders/probe.js";

const host = (value: string) => [{ name: "Host", value }];

describe("clientNames", () => {
  it("takes the endpoint's Host header before the profile's", () => {
    const profile = { monitor: buildMonitor({ customHeaders: host("profile.contoso.com") }) };
    const endpoint = buildEndpoint({ target: "10.0.0.1", customHeaders: host("endpoint.contoso.com") });
    expect(clientNames(profile, endpoint, [])).toEqual(["endpoint.contoso.com"]);
  });

  it("takes the profile's Host header when the endpoint has none", () => {
    const profile = { monitor: buildMonitor({ customHeaders: host("Profile.Contoso.com:443") }) };
    expect(clientNames(profile, buildEndpoint({ target: "10.0.0.1" }), [])).toEqual(["profile.contoso.com"]);
  });

  it("takes a DNS-name target when no Host header is set, plus every vanity domain", () => {
    const endpoint = buildEndpoint({ target: "web-eastus.azurewebsites.net" });
    expect(clientNames({ monitor: buildMonitor() }, endpoint, ["www.contoso.com"])).toEqual([
      "web-eastus.azurewebsites.net",
      "www.contoso.com",
    ]);
  });

  it("checks no name for an IP target without a Host header", () => {
    const endpoint = buildEndpoint({ target: "203.0.113.7" });
    expect(clientNames({ monitor: buildMonitor() }, endpoint, ["www.contoso.com"])).toEqual([]);
    expect(clientNames({ monitor: buildMonitor() }, buildEndpoint({ target: "2001:db8::1" }), [])).toEqual(
      [],
    );
  });
});

describe("certificateNameCovers", () => {
  it("matches names case-insensitively", () => {
    expect(certificateNameCovers("App.Contoso.com", "app.contoso.COM")).toBe(true);
  });

  it("lets a wildcard cover exactly one left-most label", () => {
    expect(certificateNameCovers("*.contoso.com", "www.contoso.com")).toBe(true);
    expect(certificateNameCovers("*.contoso.com", "contoso.com")).toBe(false);
    expect(certificateNameCovers("*.contoso.com", "a.b.contoso.com")).toBe(false);
    expect(certificateNameCovers("*.com", "contoso.com")).toBe(false);
  });
});
