import { describe, expect, it } from "vitest";
import { buildRawProfile, rawProfileId } from "../../support/builders/arm-raw-profile.js";
import { profileNames as names, SUB_A, SUB_B, useArmHarness } from "../../support/arm-source-harness.js";

const h = useArmHarness();
const source: typeof h.source = (...args) => h.source(...args);

describe("ArmProfileSource read failures", () => {
  it("reports a watched profile that no longer exists as not-found, naming it", async () => {
    const id = rawProfileId(SUB_A, "rg-web", "gone");

    const snapshot = await source(id).readWatched();

    expect(snapshot.failures).toEqual([
      expect.objectContaining({ reason: "not-found", profiles: [`${SUB_A}/rg-web/gone`] }),
    ]);
    expect(snapshot.failures[0]?.message).toContain(`${SUB_A}/rg-web/gone`);
  });

  it("retries a 429 after its Retry-After and then succeeds", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A }));
    h.arm.inject(SUB_A, { kind: "throttle", retryAfterSeconds: 1, times: 1 });

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(snapshot.failures).toEqual([]);
    expect(snapshot.profiles).toHaveLength(1);
    expect(h.arm.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("reports throttling once the bounded retries are used up", async () => {
    h.arm.inject(SUB_A, { kind: "throttle", retryAfterSeconds: 0 });

    const snapshot = await source(`/subscriptions/${SUB_A}`, { maxRetries: 1 }).readWatched();

    expect(snapshot.failures.map((f) => f.reason)).toEqual(["throttled"]);
    expect(h.arm.requests).toHaveLength(2);
  });

  it("reports throttling at once when Retry-After asks for longer than one cycle waits", async () => {
    h.arm.inject(SUB_A, { kind: "throttle", retryAfterSeconds: 3600 });

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(snapshot.failures.map((f) => f.reason)).toEqual(["throttled"]);
    expect(snapshot.failures[0]?.message).toContain("retry after 3600 s");
    expect(h.arm.requests).toHaveLength(1);
  });

  it("reports a persistent 500 for its subscription and still reads the others", async () => {
    h.arm.put(
      buildRawProfile({ subscriptionId: SUB_A, name: "a" }),
      buildRawProfile({ subscriptionId: SUB_B, name: "b" }),
    );
    h.arm.inject(SUB_A, { kind: "status", status: 500, code: "InternalServerError" });

    const snapshot = await source(`/subscriptions/${SUB_A},/subscriptions/${SUB_B}`).readWatched();

    expect(names(snapshot)).toEqual(["b"]);
    expect(snapshot.failures).toEqual([
      expect.objectContaining({ scope: `/subscriptions/${SUB_A}`, reason: "upstream" }),
    ]);
  });

  it("names the missing permission and the role to grant on a 403", async () => {
    h.arm.inject(SUB_A, { kind: "status", status: 403, code: "AuthorizationFailed" });

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(snapshot.failures[0]?.reason).toBe("forbidden");
    expect(snapshot.failures[0]?.message).toMatch(
      /Microsoft\.Network\/trafficManagerProfiles\/read.*Reader.*Traffic Manager Contributor/,
    );
  });

  it("reports a malformed body as a failure of that subscription", async () => {
    h.arm.inject(SUB_A, { kind: "malformed" });

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(snapshot.failures.map((f) => f.reason)).toEqual(["malformed"]);
  });

  it("reports a listing slower than ARM_TIMEOUT_MS as a timeout", async () => {
    h.arm.inject(SUB_A, { kind: "slow", delayMs: 1_500 });

    const snapshot = await source(`/subscriptions/${SUB_A}`, { timeoutMs: 200 }).readWatched();

    expect(snapshot.failures.map((f) => f.reason)).toEqual(["timeout"]);
    expect(snapshot.failures[0]?.message).toContain("ARM_TIMEOUT_MS");
  });
});

describe("ArmProfileSource with access granted on resource groups only", () => {
  const SUBSCRIPTION_LIST = /^\/subscriptions\/[^/]+\/providers\//i;

  it("falls back to listing the watched resource group and getting the named profile after a 403", async () => {
    h.arm.put(
      buildRawProfile({ subscriptionId: SUB_A, resourceGroup: "rg-web", name: "in-group" }),
      buildRawProfile({ subscriptionId: SUB_A, resourceGroup: "rg-api", name: "named" }),
    );
    h.arm.inject(SUB_A, {
      kind: "status",
      status: 403,
      code: "AuthorizationFailed",
      onlyPath: SUBSCRIPTION_LIST,
    });

    const snapshot = await source(
      `/subscriptions/${SUB_A}/resourceGroups/rg-web,${rawProfileId(SUB_A, "rg-api", "named")}`,
    ).readWatched();

    expect(names(snapshot)).toEqual(["in-group", "named"]);
    expect(snapshot.failures).toEqual([]);
    expect(h.arm.requests.map((r) => r.status)).toEqual([403, 200, 200]);
  });

  it("still reports the 403 when the watch list names the whole subscription", async () => {
    h.arm.inject(SUB_A, {
      kind: "status",
      status: 403,
      code: "AuthorizationFailed",
      onlyPath: SUBSCRIPTION_LIST,
    });

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(snapshot.failures.map((f) => [f.scope, f.reason])).toEqual([
      [`/subscriptions/${SUB_A}`, "forbidden"],
    ]);
  });
});
