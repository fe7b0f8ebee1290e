import { describe, expect, it } from "vitest";
import { validateDesiredState } from "../../../src/core/desired-schema.js";

const base = {
  routingMethod: "Priority",
  endpoints: [
    { name: "web-eastus", enabled: true },
    { name: "web-westus", enabled: true },
  ],
};
const window = { schedule: "0 0 2 * * *", durationMinutes: 60, comment: "nightly patching" };

function pathsOf(input: unknown): string[] {
  const result = validateDesiredState(input);
  return result.ok ? [] : result.issues.map((i) => i.path);
}

describe("desired state maintenance windows", () => {
  it("accepts windows with endpoints and codes", () => {
    const result = validateDesiredState({
      ...base,
      maintenance: [window, { ...window, endpoints: ["WEB-EASTUS"], codes: ["PROBE_FAILED"] }],
    });
    expect(result.ok).toBe(true);
  });

  it("reports every violation with its JSON path", () => {
    expect(
      pathsOf({
        ...base,
        maintenance: [
          { ...window, schedule: "0 0 25 * * *" },
          { ...window, durationMinutes: 0, comment: " " },
          { ...window, durationMinutes: 1441, codes: ["NOPE"], endpoints: ["web-nowhere"], extra: 1 },
        ],
      }).sort(),
    ).toEqual(
      [
        "$.maintenance[0].schedule",
        "$.maintenance[1].durationMinutes",
        "$.maintenance[1].comment",
        "$.maintenance[2].durationMinutes",
        "$.maintenance[2].codes[0]",
        "$.maintenance[2].extra",
        "$.maintenance[2].endpoints[0]",
      ].sort(),
    );
  });

  it("allows at most 10 windows", () => {
    expect(pathsOf({ ...base, maintenance: Array.from({ length: 11 }, () => window) })).toContain(
      "$.maintenance",
    );
    expect(pathsOf({ ...base, maintenance: Array.from({ length: 10 }, () => window) })).toEqual([]);
  });

  it("names the schedule field that is wrong", () => {
    const result = validateDesiredState({ ...base, maintenance: [{ ...window, schedule: "0 0 2 * *" }] });
    expect(result.ok ? "" : result.issues[0]?.message).toMatch(/NCRONTAB.*6 fields/);
  });
});
