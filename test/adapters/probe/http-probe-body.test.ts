import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpointProber } from "../../../src/adapters/probe/create-prober.js";
import { buildProbeTarget } from "../../support/builders/probe.js";

/**
 * `/big` streams 1 MiB, `/endless` sends headers and part of a body, then nothing; `/hang` never
 * answers; anything else answers "ok" (`/counted` connections are counted when they close).
 */
describe("HTTP probe body handling and connection lifetime", () => {
  let server: Server;
  let port: number;
  const open = new Set<Socket>();
  const counted = new WeakSet<Socket>();
  let closedAfterAnswer = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/big") {
        res.writeHead(200, { "content-length": String(1 << 20) });
        const chunk = Buffer.alloc(16 * 1024, 120);
        for (let i = 0; i < 64; i++) res.write(chunk);
        res.end();
      } else if (req.url === "/endless") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("partial");
      } else if (req.url === "/slow") {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          res.end("ok");
        }, 50);
      } else if (req.url === "/hang") {
        // Accepted and read, never answered.
      } else {
        if (req.url === "/counted") counted.add(req.socket);
        res.end("ok");
      }
    });
    server.on("connection", (s: Socket) => {
      open.add(s);
      s.on("error", () => undefined);
      s.on("close", () => {
        open.delete(s);
        if (counted.has(s)) closedAfterAnswer += 1;
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const s of open) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("stops reading a long body and keeps the status", async () => {
    const prober = createEndpointProber({ concurrency: 10 });
    const [result] = await prober.probeAll([buildProbeTarget({ port, path: "/big" })]);
    expect(result).toMatchObject({ kind: "up", healthy: true, status: 200 });
  });

  // The body never ends, so this test only finishes if the probe's deadline ends it.
  it("keeps the status when the body is still arriving at the deadline", async () => {
    const prober = createEndpointProber({ concurrency: 10 });
    const [result] = await prober.probeAll([buildProbeTarget({ port, path: "/endless", timeoutMs: 300 })]);
    expect(result).toMatchObject({ kind: "up", healthy: true, status: 200 });
  });

  it("closes every connection once the answer is in, keeping none alive between cycles", async () => {
    const prober = createEndpointProber({ concurrency: 10 });
    const before = closedAfterAnswer;
    const targets = Array.from({ length: 5 }, (_, i) =>
      buildProbeTarget({ endpoint: `ep-${i}`, port, path: "/counted" }),
    );
    const results = await prober.probeAll(targets);
    expect(results.every((r) => r.healthy)).toBe(true);
    await expect.poll(() => closedAfterAnswer - before).toBe(5);
  });

  it("starts no queued probe once closed, and ends that cycle with an error instead of hanging", async () => {
    const prober = createEndpointProber({ concurrency: 1 });
    const targets = [
      buildProbeTarget({ endpoint: "first", port, path: "/hang", timeoutMs: 300 }),
      buildProbeTarget({ endpoint: "second", port, path: "/ok" }),
    ];
    const cycle = prober.probeAll(targets);
    await prober.close?.();
    await expect(cycle).rejects.toThrow("prober closed");
  });

  it("shares one concurrency cap between cycles running at the same time", async () => {
    const prober = createEndpointProber({ concurrency: 3 });
    maxInFlight = 0;
    const cycle = (name: string) =>
      prober.probeAll(
        Array.from({ length: 6 }, (_, i) =>
          buildProbeTarget({ endpoint: `${name}-${i}`, port, path: "/slow" }),
        ),
      );
    const results = (await Promise.all([cycle("a"), cycle("b")])).flat();
    expect(results.map((r) => r.healthy)).toEqual(Array<boolean>(12).fill(true));
    expect(results.map((r) => r.endpoint)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `a-${i}`),
      ...Array.from({ length: 6 }, (_, i) => `b-${i}`),
    ]);
    expect(maxInFlight).toBe(3);
  });
});
