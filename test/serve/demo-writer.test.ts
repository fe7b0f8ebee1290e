import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/app/errors.js";
import { ProfileFileSource } from "../../src/adapters/arm/profile-file-source.js";
import { parseProfileKey } from "../../src/core/profile-key.js";
import { startDemo, type Demo } from "../../src/serve/demo.js";

let demo: Demo | undefined;
afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

async function liveOf(d: Demo) {
  const snapshot = await new ProfileFileSource(d.profileFile).readProfiles([parseProfileKey(d.profileKey)!]);
  return snapshot.profiles[0]!;
}

describe("the serve demo's Traffic Manager writer", () => {
  it("applies endpoint and profile changes to the demo profile that the live source reads", async () => {
    demo = await startDemo();
    const ref = { type: "ExternalEndpoints", name: "demo-backup" } as const;

    await demo.writer.updateEndpoint(demo.profileKey, ref, { priority: 5, endpointStatus: "Disabled" });
    await demo.writer.updateProfile(demo.profileKey, { ttl: 10, monitorConfig: { path: "/ready" } });

    const live = await liveOf(demo);
    expect(live.endpoints.find((e) => e.name === "demo-backup")).toMatchObject({
      priority: 5,
      enabled: false,
    });
    expect(live.dns.ttl).toBe(10);
    expect(live.monitor?.path).toBe("/ready");
  });

  it("refuses a priority another endpoint holds, as ARM does, and changes nothing", async () => {
    demo = await startDemo();
    const ref = { type: "ExternalEndpoints", name: "demo-backup" } as const;

    const e: unknown = await demo.writer
      .updateEndpoint(demo.profileKey, ref, { priority: 1 })
      .catch((x: unknown) => x);

    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("UNPROCESSABLE");
    expect((await liveOf(demo)).endpoints.map((x) => x.priority)).toEqual([1, 2]);
  });

  it("answers NOT_FOUND for a profile other than the demo's", async () => {
    demo = await startDemo();

    const e: unknown = await demo.writer.updateProfile("a/b/c", { ttl: 5 }).catch((x: unknown) => x);

    expect((e as AppError).code).toBe("NOT_FOUND");
  });
});

describe("the serve demo's Traffic Manager statuses", () => {
  const statusOf = async (d: Demo, name: string) =>
    (await liveOf(d)).endpoints.find((e) => e.name === name)?.monitorStatus;

  it("follow the demo endpoints' health: /fail makes one Degraded, /recover Online, a re-enable takes its health", async () => {
    demo = await startDemo();
    const ref = { type: "ExternalEndpoints", name: "demo-primary" } as const;
    expect(await (await fetch(`${demo.endpointsUrl}/fail?endpoint=primary`)).text()).toMatch(/fails/);
    expect(await statusOf(demo, "demo-primary")).toBe("Degraded");
    expect(await statusOf(demo, "demo-backup")).toBe("Online");

    await demo.writer.updateEndpoint(demo.profileKey, ref, { endpointStatus: "Disabled" });
    await fetch(`${demo.endpointsUrl}/recover?endpoint=primary`);
    expect(await statusOf(demo, "demo-primary")).toBe("Disabled");
    await demo.writer.updateEndpoint(demo.profileKey, ref, { endpointStatus: "Enabled" });
    expect(await statusOf(demo, "demo-primary")).toBe("Online");

    await fetch(`${demo.endpointsUrl}/fail?endpoint=backup`);
    expect(await statusOf(demo, "demo-backup")).toBe("Degraded");
  });
});
