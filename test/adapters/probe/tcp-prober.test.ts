import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpointProber } from "../../../src/adapters/probe/create-prober.js";
import { buildProbeTarget } from "../../support/builders/probe.js";
import { closedPort } from "../../support/endpoint-server.js";

describe("TCP prober", () => {
  const prober = createEndpointProber({ concurrency: 10 });
  let server: Server;
  let port: number;
  let accepted = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      accepted += 1;
      socket.on("error", () => undefined);
      socket.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("counts an accepted connection as healthy", async () => {
    const [result] = await prober.probeAll([buildProbeTarget({ protocol: "TCP", port })]);
    expect(result).toMatchObject({ kind: "up", healthy: true, url: `tcp://127.0.0.1:${port}` });
    expect(result?.status).toBeUndefined();
    expect(accepted).toBeGreaterThan(0);
  });

  it("closes the connection right after it is accepted", async () => {
    await prober.probeAll([buildProbeTarget({ protocol: "TCP", port })]);
    await expect.poll(() => new Promise((r) => server.getConnections((_e, n) => r(n)))).toBe(0);
  });

  it("reports refused when the port is closed", async () => {
    const [result] = await prober.probeAll([buildProbeTarget({ protocol: "TCP", port: await closedPort() })]);
    expect(result).toMatchObject({ kind: "refused", healthy: false });
  });
});
