import { describe, expect, it } from "vitest";
import { checkProfileSegments } from "../../src/core/route-segments.js";

const SUB = "11111111-2222-4333-8444-555555555555";
const pathsOf = (sub: string, rg: string, name: string) => {
  const r = checkProfileSegments(sub, rg, name);
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe("checkProfileSegments", () => {
  it("accepts a GUID, an ARM resource group name and a Traffic Manager profile name", () => {
    expect(checkProfileSegments(SUB, "rg-Web_(prod).1", "tm-web.prod")).toEqual({
      ok: true,
      key: { subscriptionId: SUB, resourceGroup: "rg-Web_(prod).1", profileName: "tm-web.prod" },
    });
  });

  it("names the subscription segment when it is not a GUID", () => {
    expect(pathsOf("sub1", "rg", "tm")).toEqual(["route.subscriptionId"]);
  });

  it("names every bad segment at once", () => {
    expect(pathsOf("x", "rg.", "-tm")).toEqual([
      "route.subscriptionId",
      "route.resourceGroup",
      "route.profileName",
    ]);
  });

  it.each([
    ["a NUL", `tm${String.fromCharCode(0)}x`],
    ["a newline", "tm\nx"],
    ["a DEL", `tm${String.fromCharCode(0x7f)}`],
    ["a slash from %2F", "a/b"],
    ["a backslash", "a\\b"],
    ["..", ".."],
    ["64 characters", "a".repeat(64)],
  ])("refuses a profile name with %s", (_what, name) => {
    expect(pathsOf(SUB, "rg", name)).toEqual(["route.profileName"]);
  });

  it("refuses a resource group name over 90 characters and says the limit", () => {
    const r = checkProfileSegments(SUB, "r".repeat(91), "tm");
    expect(r.ok ? "" : r.problems[0]?.message).toContain("at most 90");
  });

  it("never echoes a control character in its messages", () => {
    const r = checkProfileSegments(SUB, `rg${String.fromCharCode(0)}`, "tm");
    expect(JSON.stringify(r)).not.toContain("\\u0000");
  });
});
