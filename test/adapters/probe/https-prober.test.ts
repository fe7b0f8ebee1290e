import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpointProber } from "../../../src/adapters/probe/create-prober.js";
import type { ProbeResult } from "../../../src/core/probe-result.js";
import { buildProbeTarget } from "../../support/builders/probe.js";
import { startEndpointServer, type EndpointServer } from "../../support/endpoint-server.js";
import { makeCert } from "../../support/tls-cert.js";

const DAY_MS = 86_400_000;
const now = new Date();

describe("HTTPS prober", () => {
  const prober = createEndpointProber({ concurrency: 10, now: () => now });
  let selfSigned: EndpointServer;
  let expired: EndpointServer;
  let otherName: EndpointServer;

  beforeAll(async () => {
    selfSigned = await startEndpointServer({
      tls: await makeCert({
        commonName: "localhost",
        notAfter: new Date(now.getTime() + 30 * DAY_MS + 3_600_000),
      }),
    });
    expired = await startEndpointServer({
      tls: await makeCert({
        notBefore: new Date(now.getTime() - 40 * DAY_MS),
        notAfter: new Date(now.getTime() - 2 * DAY_MS),
      }),
    });
    otherName = await startEndpointServer({
      tls: await makeCert({
        commonName: "www.contoso.com",
        altNames: [{ type: "dns", value: "www.contoso.com" }],
      }),
    });
  });
  afterAll(async () => {
    await Promise.all([selfSigned.close(), expired.close(), otherName.close()]);
  });

  async function probeHttps(server: EndpointServer, host = "localhost"): Promise<ProbeResult> {
    const target = buildProbeTarget({
      protocol: "HTTPS",
      host,
      hostHeader: host,
      port: server.port,
      path: "/health",
    });
    const [result] = await prober.probeAll([target]);
    if (!result) throw new Error("no result");
    return result;
  }

  it("counts an endpoint with a self-signed certificate as healthy", async () => {
    const result = await probeHttps(selfSigned);
    expect(result).toMatchObject({
      kind: "up",
      healthy: true,
      status: 200,
      url: `https://localhost:${selfSigned.port}/health`,
    });
  });

  it("records what the self-signed certificate says", async () => {
    const { certificate } = await probeHttps(selfSigned);
    expect(certificate).toMatchObject({
      subject: "CN=localhost",
      issuer: "CN=localhost",
      daysToExpiry: 30,
      trusted: false,
      hostnameMatches: true,
      selfSigned: true,
    });
    expect(Date.parse(certificate?.validTo ?? "")).toBeGreaterThan(now.getTime());
  });

  it("counts an endpoint with an expired certificate as healthy and records the expiry", async () => {
    const result = await probeHttps(expired);
    expect(result.healthy).toBe(true);
    expect(result.certificate?.daysToExpiry).toBe(-3);
  });

  it("records that the certificate does not cover the host name probed", async () => {
    const result = await probeHttps(otherName);
    expect(result.healthy).toBe(true);
    expect(result.certificate).toMatchObject({ subject: "CN=www.contoso.com", hostnameMatches: false });
  });

  it("checks the host name of an IP target against the certificate's IP addresses", async () => {
    const result = await probeHttps(selfSigned, "127.0.0.1");
    expect(result.certificate?.hostnameMatches).toBe(true);
  });

  it("sends the host name as SNI, not the custom Host header", async () => {
    const target = buildProbeTarget({
      protocol: "HTTPS",
      host: "localhost",
      hostHeader: "www.contoso.com",
      port: selfSigned.port,
      path: "/sni-by-name",
    });
    await prober.probeAll([target]);
    const received = selfSigned.requests.find((r) => r.path === "/sni-by-name");
    expect(received).toMatchObject({ servername: "localhost", headers: { host: "www.contoso.com" } });
  });

  it("sends no SNI to an IP target", async () => {
    const target = buildProbeTarget({
      protocol: "HTTPS",
      host: "127.0.0.1",
      port: selfSigned.port,
      path: "/sni-by-ip",
    });
    await prober.probeAll([target]);
    expect(selfSigned.requests.find((r) => r.path === "/sni-by-ip")?.servername).toBe(false);
  });
});
