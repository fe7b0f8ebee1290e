import { describe, expect, it } from "vitest";
import { buildRawProfile, rawProfileId } from "../../support/builders/arm-raw-profile.js";
import {
  profileNames as names,
  SUB_A,
  SUB_B,
  SUB_C,
  TOKEN,
  useArmHarness,
} from "../../support/arm-source-harness.js";

const h = useArmHarness();
const source: typeof h.source = (...args) => h.source(...args);

describe("ArmProfileSource.readWatched", () => {
  it("reads 200 Priority profiles of one subscription with exactly one ARM request", async () => {
    for (let i = 0; i < 200; i++)
      h.arm.put(buildRawProfile({ subscriptionId: SUB_A, name: `tm-${String(i)}` }));

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(snapshot.profiles).toHaveLength(200);
    expect(snapshot.failures).toEqual([]);
    expect(h.arm.requests).toHaveLength(1);
  });

  it("reads explicit profiles in three subscriptions with one request per subscription", async () => {
    const ids = [SUB_A, SUB_B, SUB_C].flatMap((s) =>
      ["one", "two"].map((n) => {
        h.arm.put(buildRawProfile({ subscriptionId: s, name: n }));
        return rawProfileId(s, "rg-web", n);
      }),
    );

    const snapshot = await source(ids.join(",")).readWatched();

    expect(snapshot.profiles).toHaveLength(6);
    expect(h.arm.requests.map((r) => r.path).sort()).toEqual(
      [SUB_A, SUB_B, SUB_C].map(
        (s) => `/subscriptions/${s}/providers/Microsoft.Network/trafficmanagerprofiles`,
      ),
    );
  });

  it("discovers only Priority profiles in a resource-group scope", async () => {
    h.arm.put(
      buildRawProfile({ subscriptionId: SUB_A, resourceGroup: "rg-web", name: "failover" }),
      buildRawProfile({
        subscriptionId: SUB_A,
        resourceGroup: "rg-web",
        name: "perf",
        routingMethod: "Performance",
      }),
      buildRawProfile({ subscriptionId: SUB_A, resourceGroup: "rg-other", name: "elsewhere" }),
    );

    const snapshot = await source(`/subscriptions/${SUB_A}/resourceGroups/rg-web`).readWatched();

    expect(names(snapshot)).toEqual(["failover"]);
  });

  it("discovers only profiles carrying the watch tag when one is set", async () => {
    h.arm.put(
      buildRawProfile({ subscriptionId: SUB_A, name: "tagged", tags: { "tm-sentinel": "watch" } }),
      buildRawProfile({ subscriptionId: SUB_A, name: "other-value", tags: { "tm-sentinel": "ignore" } }),
      buildRawProfile({ subscriptionId: SUB_A, name: "untagged" }),
    );

    const snapshot = await source(`/subscriptions/${SUB_A}`, {
      tag: { name: "TM-Sentinel", value: "watch" },
    }).readWatched();

    expect(names(snapshot)).toEqual(["tagged"]);
  });

  it("audits an explicitly named profile whatever its routing method, without an extra request", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_A, name: "weighted", routingMethod: "Weighted" }));

    const snapshot = await source(
      `/subscriptions/${SUB_A},${rawProfileId(SUB_A, "rg-web", "weighted")}`,
    ).readWatched();

    expect(snapshot.profiles.map((p) => p.routingMethod)).toEqual(["Weighted"]);
    expect(h.arm.requests).toHaveLength(1);
  });

  it("follows nextLink when ARM pages the listing", async () => {
    for (let i = 0; i < 120; i++)
      h.arm.put(buildRawProfile({ subscriptionId: SUB_A, name: `tm-${String(i)}` }));
    h.arm.pageSize = 50;

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(snapshot.profiles).toHaveLength(120);
    expect(h.arm.requests).toHaveLength(3);
    expect(new Set(h.arm.requests.map((r) => r.token))).toEqual(new Set([TOKEN]));
  });

  it("takes a nested child from the same listing and fetches one outside the listed subscriptions", async () => {
    const sameSubChild = buildRawProfile({
      subscriptionId: SUB_A,
      name: "child-a",
      routingMethod: "Performance",
    });
    const otherSubChild = buildRawProfile({
      subscriptionId: SUB_B,
      name: "child-b",
      routingMethod: "Performance",
    });
    const parent = buildRawProfile({
      subscriptionId: SUB_A,
      name: "parent",
      endpoints: [
        { name: "nested-a", type: "nestedEndpoints", targetResourceId: sameSubChild.id, priority: 1 },
        { name: "nested-b", type: "nestedEndpoints", targetResourceId: otherSubChild.id, priority: 2 },
      ],
    });
    h.arm.put(parent, sameSubChild, otherSubChild);

    const snapshot = await source(parent.id).readWatched();

    expect(names(snapshot)).toEqual(["parent"]);
    expect(snapshot.related.has(sameSubChild.id.toLowerCase())).toBe(true);
    expect(snapshot.related.get(otherSubChild.id.toLowerCase())?.name).toBe("child-b");
    expect(h.arm.requests.map((r) => r.subscriptionId)).toEqual([SUB_A, SUB_B]);
  });
});

describe("ArmProfileSource nested profiles", () => {
  it("reports a nested child missing from its listed subscription against the watched parent", async () => {
    const parent = buildRawProfile({
      subscriptionId: SUB_A,
      name: "parent",
      endpoints: [
        { name: "nested", type: "nestedEndpoints", targetResourceId: rawProfileId(SUB_A, "rg-web", "gone") },
      ],
    });
    h.arm.put(parent);

    const snapshot = await source(parent.id).readWatched();

    expect(snapshot.failures.map((f) => [f.reason, f.profiles])).toEqual([
      ["not-found", [`${SUB_A}/rg-web/parent`]],
    ]);
    expect(h.arm.requests).toHaveLength(1);
  });
});

describe("ArmProfileSource.readProfiles", () => {
  it("reads the given profiles with one GET each", async () => {
    h.arm.put(
      buildRawProfile({ subscriptionId: SUB_A, name: "one" }),
      buildRawProfile({ subscriptionId: SUB_B, name: "two" }),
    );

    const snapshot = await source(`/subscriptions/${SUB_A},/subscriptions/${SUB_B}`).readProfiles([
      { subscriptionId: SUB_A, resourceGroup: "rg-web", profileName: "one" },
      { subscriptionId: SUB_B, resourceGroup: "rg-web", profileName: "two" },
    ]);

    expect(names(snapshot)).toEqual(["one", "two"]);
    expect(h.arm.requests).toHaveLength(2);
  });

  it("never reads a profile of a subscription outside TM_WATCH", async () => {
    h.arm.put(buildRawProfile({ subscriptionId: SUB_B, name: "two" }));

    const snapshot = await source(`/subscriptions/${SUB_C}`).readProfiles([
      { subscriptionId: SUB_B, resourceGroup: "rg-web", profileName: "two" },
    ]);

    expect(snapshot.failures.map((f) => f.reason)).toEqual(["not-found"]);
    expect(h.arm.requests).toHaveLength(0);
  });

  it("reports a profile that does not exist as not-found", async () => {
    const snapshot = await source(`/subscriptions/${SUB_A}`).readProfiles([
      { subscriptionId: SUB_A, resourceGroup: "rg-web", profileName: "missing" },
    ]);

    expect(snapshot.failures.map((f) => [f.reason, f.profiles])).toEqual([
      ["not-found", [`${SUB_A}/rg-web/missing`]],
    ]);
  });
});

describe("ArmProfileSource with one profile it cannot read", () => {
  it("audits the other profiles of the subscription and names only that one as malformed", async () => {
    const broken = buildRawProfile({ subscriptionId: SUB_A, name: "broken" });
    const monitor = broken.properties.monitorConfig as Record<string, unknown>;
    delete monitor["port"];
    monitor["protocol"] = "TCP";
    h.arm.put(broken, buildRawProfile({ subscriptionId: SUB_A, name: "fine" }));

    const snapshot = await source(`/subscriptions/${SUB_A}`).readWatched();

    expect(names(snapshot)).toEqual(["fine"]);
    expect(snapshot.failures.map((f) => [f.reason, f.profiles])).toEqual([
      ["malformed", [`${SUB_A}/rg-web/broken`]],
    ]);
  });
});
