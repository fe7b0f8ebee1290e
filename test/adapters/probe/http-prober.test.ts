import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpointProber } from "../../../src/adapters/probe/create-prober.js";
import type { ProbeResult } from "../../../src/core/probe-result.js";
import type { ProbeTarget } from "../../../src/core/probe-target.js";
import { buildProbeTarget } from "../../support/builders/probe.js";
import { closedPort, startEndpointServer, type EndpointServer } from "../../support/endpoint-server.js";

describe("HTTP prober against a local endpoint", () => {
  let server: EndpointServer;
  const prober = createEndpointProber({ concurrency: 100 });

  beforeAll(async () => {
    server = await startEndpointServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function probe(overrides: Partial<ProbeTarget>): Promise<ProbeResult> {
    const [result] = await prober.probeAll([buildProbeTarget({ port: server.port, ...overrides })]);
    if (!result) throw new Error("no result");
    return result;
  }

  it("counts a 200 as healthy and records the latency", async () => {
    const result = await probe({ path: "/health" });
    expect(result).toMatchObject({
      kind: "up",
      healthy: true,
      status: 200,
      url: `http://127.0.0.1:${server.port}/health`,
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("sends a GET", async () => {
    await probe({ path: "/method-check" });
    expect(server.requests.find((r) => r.path === "/method-check")?.method).toBe("GET");
  });

  it("counts a 204 as unhealthy when no ranges are given", async () => {
    expect(await probe({ path: "/status/204" })).toMatchObject({
      kind: "http-status",
      healthy: false,
      status: 204,
    });
  });

  it("counts a 301 as unhealthy and does not follow it", async () => {
    const result = await probe({ path: "/status/301" });
    expect(result).toMatchObject({ kind: "http-status", healthy: false, status: 301 });
    expect(server.requests.some((r) => r.path === "/elsewhere")).toBe(false);
  });

  it("counts a 204 as healthy when it is inside the expected ranges", async () => {
    const result = await probe({ path: "/status/204", expectedStatusCodeRanges: [{ min: 200, max: 299 }] });
    expect(result).toMatchObject({ kind: "up", healthy: true, status: 204 });
  });

  it("counts a 301 as healthy when it is inside the expected ranges", async () => {
    const result = await probe({ path: "/status/301", expectedStatusCodeRanges: [{ min: 301, max: 301 }] });
    expect(result.healthy).toBe(true);
  });

  it("counts a 500 as unhealthy with its status", async () => {
    const result = await probe({ path: "/status/500" });
    expect(result).toMatchObject({
      kind: "http-status",
      healthy: false,
      status: 500,
      detail: "unexpected status 500",
    });
  });

  it("accepts a 401 listed as its own range next to 200-299", async () => {
    const ranges = [
      { min: 200, max: 299 },
      { min: 401, max: 401 },
    ];
    expect((await probe({ path: "/status/401", expectedStatusCodeRanges: ranges })).healthy).toBe(true);
    expect((await probe({ path: "/status/403", expectedStatusCodeRanges: ranges })).healthy).toBe(false);
  });

  it("reports a timeout when the answer comes later than the timeout", async () => {
    const result = await probe({ path: "/slow/1500", timeoutMs: 300 });
    expect(result).toMatchObject({ kind: "timeout", healthy: false });
    expect(result.status).toBeUndefined();
  });

  it("reports a timeout when the endpoint accepts and never answers", async () => {
    expect(await probe({ path: "/hang", timeoutMs: 300 })).toMatchObject({ kind: "timeout", healthy: false });
  });

  it("ends a cycle of many hanging endpoints together instead of one after another", async () => {
    const targets = Array.from({ length: 20 }, (_, i) =>
      buildProbeTarget({ endpoint: `hang-${i}`, port: server.port, path: "/hang", timeoutMs: 300 }),
    );
    const results = await prober.probeAll(targets);
    expect(results.map((r) => r.endpoint)).toEqual(targets.map((t) => t.endpoint));
    expect(results.every((r) => r.kind === "timeout")).toBe(true);
  });

  it("reports refused when nothing listens on the port", async () => {
    expect(await probe({ port: await closedPort() })).toMatchObject({ kind: "refused", healthy: false });
  });

  it("reports reset when the endpoint drops the connection", async () => {
    expect(await probe({ path: "/reset" })).toMatchObject({ kind: "reset", healthy: false });
  });

  it("reports dns when the host name does not resolve", async () => {
    const result = await probe({ host: "no-such-host.invalid", hostHeader: "no-such-host.invalid" });
    expect(result).toMatchObject({ kind: "dns", healthy: false });
  });

  it("sends the target's Host header unless a custom one is given", async () => {
    await probe({ path: "/host-default", hostHeader: "web-eastus.example.com" });
    expect(server.requests.find((r) => r.path === "/host-default")?.headers.host).toBe(
      "web-eastus.example.com",
    );
  });

  it("sends custom headers and never puts their values in the result", async () => {
    const result = await probe({
      path: "/status/503",
      headers: [{ name: "X-Probe-Secret", value: "s3cr3t-value" }],
    });
    expect(server.requests.find((r) => r.path === "/status/503")?.headers["x-probe-secret"]).toBe(
      "s3cr3t-value",
    );
    expect(JSON.stringify(result)).not.toContain("s3cr3t-value");
  });
});
