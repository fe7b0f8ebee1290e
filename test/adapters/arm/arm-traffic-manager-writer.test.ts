import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/app/errors.js";
import { createTrafficManagerWriter } from "../../../src/adapters/arm/create-traffic-manager-writer.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { buildRawProfile, rawProfileId } from "../../support/builders/arm-raw-profile.js";
import { SUB_A, useArmHarness } from "../../support/arm-source-harness.js";

const h = useArmHarness();
const KEY = `${SUB_A}/rg-web/tm-web`;
const PROFILE_ID = rawProfileId(SUB_A, "rg-web", "tm-web");

async function readBack() {
  const snapshot = await h.source(PROFILE_ID).readWatched();
  const profile = snapshot.profiles[0];
  if (!profile) throw new Error(`profile not read: ${JSON.stringify(snapshot.failures)}`);
  return profile;
}

const patches = () => h.arm.requests.filter((r) => r.method === "PATCH");

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe("ArmTrafficManagerWriter", () => {
  it("changes an endpoint's priority and status through ARM PATCH, leaving other keys alone", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));

    await h
      .writer()
      .updateEndpoint(
        KEY,
        { type: "ExternalEndpoints", name: "web-westus" },
        { priority: 7, endpointStatus: "Disabled" },
      );

    const westus = (await readBack()).endpoints.find((e) => e.name === "web-westus");
    expect(westus).toMatchObject({ priority: 7, enabled: false, target: "westus.example.test" });
    expect(patches().map((r) => r.path.toLowerCase())).toEqual([
      `${PROFILE_ID}/ExternalEndpoints/web-westus`.toLowerCase(),
    ]);
  });

  it("changes the monitor settings, TTL and profile status through one profile PATCH", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));

    await h.writer().updateProfile(KEY, {
      monitorConfig: { path: "/ready", toleratedNumberOfFailures: 1 },
      ttl: 30,
      profileStatus: "Enabled",
    });

    const profile = await readBack();
    expect(profile.dns.ttl).toBe(30);
    expect(profile.monitor).toMatchObject({
      path: "/ready",
      toleratedNumberOfFailures: 1,
      protocol: "HTTPS",
    });
    expect(patches()).toHaveLength(1);
  });

  it("answers UNPROCESSABLE with ARM's message when another endpoint holds the priority, changing nothing", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));

    const e = await rejection(
      h.writer().updateEndpoint(KEY, { type: "ExternalEndpoints", name: "web-westus" }, { priority: 1 }),
    );

    expect(e.code).toBe("UNPROCESSABLE");
    expect(e.message).toContain("web-eastus");
    expect((await readBack()).endpoints.map((x) => x.priority)).toEqual([1, 2]);
  });

  it("answers NOT_FOUND for an endpoint the profile does not have", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));

    const e = await rejection(
      h.writer().updateEndpoint(KEY, { type: "ExternalEndpoints", name: "nope" }, { priority: 9 }),
    );

    expect(e.code).toBe("NOT_FOUND");
  });

  it("answers CONFLICT when ARM answers 409", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));
    h.arm.inject(SUB_A, {
      kind: "status",
      status: 409,
      code: "Conflict",
      message: "Another operation is in progress.",
    });

    const e = await rejection(h.writer().updateProfile(KEY, { ttl: 30 }));

    expect(e.code).toBe("CONFLICT");
    expect(e.message).toContain("Another operation is in progress.");
  });

  it("waits out a 429's Retry-After in the shared pipeline and then succeeds", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));
    h.arm.inject(SUB_A, { kind: "throttle", retryAfterSeconds: 1, times: 1 });

    await h.writer().updateProfile(KEY, { ttl: 45 });

    expect(patches().map((r) => r.status)).toEqual([429, 200]);
    expect((await readBack()).dns.ttl).toBe(45);
  });

  it("fails UPSTREAM at once when Retry-After asks for longer than the bound", async () => {
    h.arm.inject(SUB_A, { kind: "throttle", retryAfterSeconds: 3600 });

    const e = await rejection(h.writer().updateProfile(KEY, { ttl: 45 }));

    expect(e.code).toBe("UPSTREAM");
    expect(e.message).toContain("retry after 3600 s");
    expect(patches()).toHaveLength(1);
  });

  it("fails UPSTREAM after retrying a persistent 503", async () => {
    h.arm.inject(SUB_A, { kind: "status", status: 503, code: "ServiceUnavailable" });

    const e = await rejection(h.writer().updateProfile(KEY, { ttl: 45 }));

    expect(e.code).toBe("UPSTREAM");
    expect(patches().length).toBeGreaterThan(1);
  });

  it("names the Traffic Manager Contributor role when ARM refuses the write (403)", async () => {
    h.arm.inject(SUB_A, { kind: "status", status: 403, code: "AuthorizationFailed" });

    const e = await rejection(h.writer().updateProfile(KEY, { ttl: 45 }));

    expect(e.code).toBe("CONFIG");
    expect(e.message).toContain("Traffic Manager Contributor");
  });

  it("shares the reader's clients: both calls use the one SDK client of the subscription", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));
    const clients = h.clients();
    const source = h.source(PROFILE_ID, { clients });

    await h.writer(clients).updateProfile(KEY, { ttl: 20 });
    const snapshot = await source.readWatched();

    expect(snapshot.profiles[0]?.dns.ttl).toBe(20);
    expect(clients.for(SUB_A)).toBe(clients.for(SUB_A.toUpperCase()));
  });
});

describe("createTrafficManagerWriter", () => {
  it("refuses every write with FORBIDDEN naming TM_ENABLE_WRITE_FEATURES when writes are off", async () => {
    const writer = createTrafficManagerWriter(loadConfig({ TM_WATCH: `/subscriptions/${SUB_A}` }));

    const e = await rejection(writer.updateProfile(KEY, { ttl: 30 }));

    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toContain("TM_ENABLE_WRITE_FEATURES");
  });

  it("refuses with CONFIG when writes are on but only an exported profile file is configured", async () => {
    const writer = createTrafficManagerWriter(
      loadConfig({ TM_ENABLE_WRITE_FEATURES: "true", LIVE_PROFILE_FILE: "/tmp/none.json" }),
    );

    const e = await rejection(
      writer.updateEndpoint(KEY, { type: "ExternalEndpoints", name: "a" }, { endpointStatus: "Disabled" }),
    );

    expect(e.code).toBe("CONFIG");
  });
});
