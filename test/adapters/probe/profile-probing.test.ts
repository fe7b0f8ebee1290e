import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryProbeStateStore } from "../../../src/adapters/memory/memory-probe-state-store.js";
import { createEndpointProber } from "../../../src/adapters/probe/create-prober.js";
import { buildProbeTargets } from "../../../src/core/probe-target.js";
import { applyProbeResults } from "../../../src/core/probe-verdict.js";
import type { LiveProfile } from "../../../src/core/profile.js";
import type { ProbeVerdict } from "../../../src/core/report.js";
import { buildEndpoint, buildLiveProfile } from "../../support/builders/probe.js";
import { startEndpointServer, type EndpointServer } from "../../support/endpoint-server.js";

/** A profile's targets probed for real, from ARM-shaped settings to what the server received. */
describe("probing a profile's endpoints", () => {
  let server: EndpointServer;
  const prober = createEndpointProber({ concurrency: 10 });

  beforeAll(async () => {
    server = await startEndpointServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("sends profile headers, overridden by the endpoint's header of the same name", async () => {
    const profile = buildLiveProfile({
      monitor: {
        port: server.port,
        path: "/headers",
        customHeaders: [
          { name: "X-Env", value: "profile" },
          { name: "X-Team", value: "ops" },
          { name: "Host", value: "profile.contoso.com" },
        ],
      },
      endpoints: [
        buildEndpoint({
          name: "primary",
          target: "127.0.0.1",
          customHeaders: [
            { name: "x-env", value: "endpoint" },
            { name: "host", value: "www.contoso.com" },
          ],
        }),
      ],
    });
    await prober.probeAll(buildProbeTargets(profile));
    const headers = server.requests.find((r) => r.path === "/headers")?.headers;
    expect(headers).toMatchObject({ "x-env": "endpoint", "x-team": "ops", host: "www.contoso.com" });
  });

  it("marks an endpoint Degraded only after more consecutive failures than tolerated, and one success resets", async () => {
    const store = new MemoryProbeStateStore();
    const profileWith = (path: string): LiveProfile =>
      buildLiveProfile({
        monitor: { port: server.port, path, toleratedNumberOfFailures: 2 },
        endpoints: [buildEndpoint({ name: "primary", target: "127.0.0.1" })],
      });
    const cycle = async (path: string): Promise<ProbeVerdict | undefined> => {
      const results = await prober.probeAll(buildProbeTargets(profileWith(path)));
      const { verdicts, counters } = applyProbeResults(await store.load("sub1/rg1/tm1"), results, 2);
      await store.save("sub1/rg1/tm1", counters);
      return verdicts.get("primary");
    };

    const seen = [];
    for (const path of ["/status/503", "/status/503", "/status/503", "/health", "/status/503"]) {
      const verdict = await cycle(path);
      seen.push([verdict?.status, verdict?.consecutiveFailures]);
    }
    expect(seen).toEqual([
      ["Failing", 1],
      ["Failing", 2],
      ["Degraded", 3],
      ["Online", 0],
      ["Failing", 1],
    ]);
  });
});
