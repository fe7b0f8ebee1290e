import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryProbeStateStore } from "../../src/adapters/memory/memory-probe-state-store.js";
import { createEndpointProber } from "../../src/adapters/probe/create-prober.js";
import { runAuditCycle, type AuditOptions } from "../../src/app/run-audit.js";
import type { Report } from "../../src/core/report.js";
import { aMonitor, aProfile, anEndpoint } from "../support/builders/audit-builders.js";
import { startEndpointServer, type EndpointServer } from "../support/endpoint-server.js";
import { FakeDesiredStore, FakeLiveSource } from "../support/fakes/audit-fakes.js";
import { makeCert } from "../support/tls-cert.js";

const DAY_MS = 86_400_000;
const HOST = "app.contoso.test";
const now = new Date();
const options: AuditOptions = {
  probe: true,
  basis: "traffic-manager",
  certWarningDays: 21,
  certCriticalDays: 7,
  profileConcurrency: 1,
  checkDns: false,
};

/** A real HTTPS endpoint on 127.0.0.1 whose self-signed certificate names `name` and ends in `days`. */
async function httpsEndpoint(name: string, days: number): Promise<EndpointServer> {
  return startEndpointServer({
    tls: await makeCert({
      commonName: name,
      altNames: [{ type: "dns", value: name }],
      notAfter: new Date(now.getTime() + days * DAY_MS + 3_600_000),
    }),
  });
}

/** One audit of a profile whose endpoint targets 127.0.0.1 and is probed with `Host: app.contoso.test`. */
async function auditOf(server: EndpointServer): Promise<Report> {
  const profile = aProfile({
    monitor: aMonitor({ protocol: "HTTPS", port: server.port, path: "/health" }),
    endpoints: [
      anEndpoint({ target: "127.0.0.1", priority: 1, customHeaders: [{ name: "Host", value: HOST }] }),
    ],
  });
  const result = await runAuditCycle(
    {
      live: new FakeLiveSource([profile]),
      desired: new FakeDesiredStore({}),
      probeState: new MemoryProbeStateStore(),
      clock: { now: () => now },
      prober: createEndpointProber({ concurrency: 4, now: () => now }),
    },
    options,
  );
  return result.reports[0]!;
}

const certFindings = (r: Report) =>
  r.findings.filter((f) => f.code.startsWith("CERT_")).map((f) => `${f.code}:${f.severity}`);

describe("certificate findings against real HTTPS endpoints on 127.0.0.1", () => {
  const servers: EndpointServer[] = [];
  let valid: EndpointServer;
  let expiring: EndpointServer;
  let otherName: EndpointServer;
  beforeAll(async () => {
    [valid, expiring, otherName] = await Promise.all([
      httpsEndpoint(HOST, 365),
      httpsEndpoint(HOST, 3),
      httpsEndpoint("other.fabrikam.test", 365),
    ]);
    servers.push(valid, expiring, otherName);
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it("raises no CERT_* finding for a year-valid certificate matching the endpoint's Host header", async () => {
    const report = await auditOf(valid);
    expect(report.endpoints[0]?.probe?.last.certificate?.names).toEqual([HOST]);
    expect(certFindings(report)).toEqual([]);
  });

  it("raises CERT_EXPIRING critical for the same certificate with 3 days left", async () => {
    expect(certFindings(await auditOf(expiring))).toEqual(["CERT_EXPIRING:critical"]);
  });

  it("raises CERT_NAME_MISMATCH warning, and nothing critical, when the name does not match", async () => {
    const report = await auditOf(otherName);
    expect(certFindings(report)).toEqual(["CERT_NAME_MISMATCH:warning"]);
    expect(report.findings.filter((f) => f.severity === "critical")).toEqual([]);
  });
});
