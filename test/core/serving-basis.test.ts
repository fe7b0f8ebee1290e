import { describe, expect, it } from "vitest";
import { defaultServingBasis } from "../../src/core/serving-basis.js";
import { anEndpoint, aProfile } from "../support/builders/audit-builders.js";

describe("defaultServingBasis", () => {
  it("uses the configured basis whenever one is set", () => {
    expect(defaultServingBasis(aProfile(), "both")).toBe("both");
  });

  it("follows Traffic Manager when the profile carries live statuses", () => {
    expect(defaultServingBasis(aProfile())).toBe("traffic-manager");
  });

  it("follows the probes when the profile carries no live status (an export)", () => {
    const { monitorStatus: _none, ...noStatus } = anEndpoint();
    const endpoints = [noStatus, anEndpoint({ name: "b", monitorStatus: "CheckingEndpoint" })];
    expect(defaultServingBasis(aProfile({ endpoints }))).toBe("probes");
  });
});
