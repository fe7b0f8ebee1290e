import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpointProber } from "../../../src/adapters/probe/create-prober.js";
import { buildLiveProfile, buildEndpoint } from "../../support/builders/probe.js";
import { buildProbeTargets } from "../../../src/core/probe-target.js";
import { startEndpointServer, type EndpointServer } from "../../support/endpoint-server.js";
import { makeCert } from "../../support/tls-cert.js";

/** Whether this machine can bind the IPv6 loopback; the test fails loudly rather than skip when not. */
async function canBindIpv6Loopback(): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(0, "::1", () => server.close(() => resolve(true)));
  });
}

describe("probing over the IPv6 loopback", () => {
  const prober = createEndpointProber({ concurrency: 10 });
  let http: EndpointServer;
  let https: EndpointServer;

  beforeAll(async () => {
    if (!(await canBindIpv6Loopback()))
      throw new Error("::1 cannot be bound on this machine: IPv6 probing is untested");
    http = await startEndpointServer({ host: "::1" });
    https = await startEndpointServer({ host: "::1", tls: await makeCert() });
  });
  afterAll(async () => {
    await Promise.all([http.close(), https.close()]);
  });

  it("probes an IPv6 literal target over HTTP with a bracketed URL and Host header", async () => {
    const profile = buildLiveProfile({
      monitor: { protocol: "HTTP", port: http.port, path: "/v6" },
      endpoints: [buildEndpoint({ name: "v6", target: "::1" })],
    });
    const [result] = await prober.probeAll(buildProbeTargets(profile));
    expect(result).toMatchObject({ kind: "up", healthy: true, url: `http://[::1]:${http.port}/v6` });
    expect(http.requests.find((r) => r.path === "/v6")?.headers.host).toBe("[::1]");
  });

  it("probes an IPv6 literal target over HTTPS and matches the certificate's IP address", async () => {
    const profile = buildLiveProfile({
      monitor: { protocol: "HTTPS", port: https.port, path: "/v6s" },
      endpoints: [buildEndpoint({ name: "v6s", target: "::1" })],
    });
    const [result] = await prober.probeAll(buildProbeTargets(profile));
    expect(result).toMatchObject({ kind: "up", healthy: true, url: `https://[::1]:${https.port}/v6s` });
    expect(result?.certificate?.hostnameMatches).toBe(true);
  });

  it("probes an IPv6 literal target over TCP", async () => {
    const profile = buildLiveProfile({
      monitor: { protocol: "TCP", port: http.port },
      endpoints: [buildEndpoint({ name: "v6t", target: "::1" })],
    });
    const [result] = await prober.probeAll(buildProbeTargets(profile));
    expect(result).toMatchObject({ kind: "up", healthy: true, url: `tcp://[::1]:${http.port}` });
  });
});
