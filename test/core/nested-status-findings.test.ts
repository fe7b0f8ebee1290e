import { describe, expect, it } from "vitest";
import { assessProfile } from "../../src/core/assess-profile.js";
import { anEndpoint, aProfile, endpointsInOrder, relatedOf } from "../support/builders/audit-builders.js";

describe("nested status differences", () => {
  const child = aProfile({ name: "child", endpoints: endpointsInOrder("c1", "c2") });
  const degradedChild = {
    ...child,
    endpoints: child.endpoints.map((e) => ({ ...e, monitorStatus: "Degraded" })),
  };
  const parent = aProfile({
    endpoints: [
      anEndpoint({
        name: "nested",
        type: "NestedEndpoints",
        priority: 1,
        monitorStatus: "Online",
        targetResourceId: child.id,
      }),
      anEndpoint({ name: "external", priority: 2 }),
    ],
  });
  const assess = (related: ReturnType<typeof relatedOf>) =>
    assessProfile({
      profile: parent,
      related,
      basis: "traffic-manager",
      now: new Date("2026-03-01T10:00:00Z"),
    });

  it("reports both statuses, follows ARM's, and names the difference", () => {
    const report = assess(relatedOf(degradedChild));
    expect(report.endpoints[0]).toMatchObject({ tmStatus: "Online", derivedTmStatus: "Degraded" });
    expect(report.servingEndpoint).toBe("nested");
    expect(report.findings.filter((f) => f.code === "NESTED_STATUS_DIFFERS")).toMatchObject([
      { severity: "info", endpoint: "nested", expected: "Degraded", actual: "Online" },
    ]);
  });

  it("says nothing when the derived status agrees with ARM's", () => {
    const report = assess(relatedOf(child));
    expect(report.endpoints[0]?.derivedTmStatus).toBeUndefined();
    expect(report.findings.map((f) => f.code)).not.toContain("NESTED_STATUS_DIFFERS");
  });
});
