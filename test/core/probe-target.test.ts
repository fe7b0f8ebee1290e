import { describe, expect, it } from "vitest";
import { buildProbeTargets, notProbedReason } from "../../src/core/probe-target.js";
import { buildEndpoint, buildLiveProfile } from "../support/builders/probe.js";

describe("buildProbeTargets", () => {
  it("builds an HTTP target from the monitor settings and the endpoint target", () => {
    const profile = buildLiveProfile({
      monitor: {
        protocol: "HTTPS",
        port: 443,
        path: "/health",
        timeoutInSeconds: 7,
        expectedStatusCodeRanges: [{ min: 200, max: 299 }],
      },
    });
    expect(buildProbeTargets(profile)).toEqual([
      {
        endpoint: "web-eastus",
        protocol: "HTTPS",
        host: "web-eastus.example.com",
        port: 443,
        path: "/health",
        hostHeader: "web-eastus.example.com",
        headers: [],
        expectedStatusCodeRanges: [{ min: 200, max: 299 }],
        timeoutMs: 7000,
      },
    ]);
  });

  it("leaves out nested endpoints and endpoints without a target", () => {
    const profile = buildLiveProfile({
      endpoints: [
        buildEndpoint({ name: "child", type: "NestedEndpoints", target: "child.trafficmanager.net" }),
        buildEndpoint({ name: "no-target", target: undefined }),
        buildEndpoint({ name: "web" }),
      ],
    });
    expect(buildProbeTargets(profile).map((t) => t.endpoint)).toEqual(["web"]);
  });

  it("returns nothing for a profile without monitor settings", () => {
    expect(buildProbeTargets(buildLiveProfile({ monitor: undefined }))).toEqual([]);
  });

  it("lets endpoint headers override profile headers of the same name, case-insensitively", () => {
    const profile = buildLiveProfile({
      monitor: {
        customHeaders: [
          { name: "X-Env", value: "profile" },
          { name: "X-Team", value: "ops" },
        ],
      },
      endpoints: [buildEndpoint({ customHeaders: [{ name: "x-env", value: "endpoint" }] })],
    });
    expect(buildProbeTargets(profile)[0]?.headers).toEqual([
      { name: "x-env", value: "endpoint" },
      { name: "X-Team", value: "ops" },
    ]);
  });

  it("uses a custom Host header as the Host header and not as an extra header", () => {
    const profile = buildLiveProfile({
      monitor: { customHeaders: [{ name: "host", value: "www.contoso.com" }] },
    });
    const [target] = buildProbeTargets(profile);
    expect(target?.hostHeader).toBe("www.contoso.com");
    expect(target?.headers).toEqual([]);
  });

  it("uses the IP as Host header for IP targets, bracketed for IPv6", () => {
    const profile = buildLiveProfile({
      endpoints: [
        buildEndpoint({ name: "v4", target: "10.0.0.4" }),
        buildEndpoint({ name: "v6", target: "[2001:db8::1]" }),
      ],
    });
    const targets = buildProbeTargets(profile);
    expect(targets.map((t) => [t.host, t.hostHeader])).toEqual([
      ["10.0.0.4", "10.0.0.4"],
      ["2001:db8::1", "[2001:db8::1]"],
    ]);
  });

  it("uses / for TCP targets and for a missing path", () => {
    expect(
      buildProbeTargets(buildLiveProfile({ monitor: { protocol: "TCP", port: 22, path: undefined } }))[0]
        ?.path,
    ).toBe("/");
    expect(buildProbeTargets(buildLiveProfile({ monitor: { path: "health" } }))[0]?.path).toBe("/health");
  });
});

describe("buildProbeTargets: endpoints Traffic Manager does not probe (issue 10)", () => {
  it("leaves out disabled and always-serve endpoints and says why", () => {
    const profile = buildLiveProfile({
      endpoints: [
        buildEndpoint({ name: "on", target: "on.example.com" }),
        buildEndpoint({ name: "off", target: "off.example.com", enabled: false }),
        buildEndpoint({ name: "always", target: "always.example.com", alwaysServe: true }),
      ],
    });
    expect(buildProbeTargets(profile).map((t) => t.endpoint)).toEqual(["on"]);
    expect(notProbedReason({ enabled: false, alwaysServe: false })).toBe("not probed (disabled)");
    expect(notProbedReason({ enabled: true, alwaysServe: true })).toBe("not probed (always serve)");
    expect(notProbedReason({ enabled: true, alwaysServe: false })).toBeUndefined();
  });
});
