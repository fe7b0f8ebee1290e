import { describe, expect, it } from "vitest";
import { validateDesiredState } from "../../../src/core/desired-schema.js";

const base = { routingMethod: "Priority", endpoints: [{ name: "a", enabled: true }] };

describe("desired state reconcile mode", () => {
  it.each(["off", "plan", "apply"])("accepts reconcile: %s", (mode) => {
    expect(validateDesiredState({ ...base, reconcile: mode }).ok).toBe(true);
  });

  it("rejects another value, naming $.reconcile and the allowed values", () => {
    const result = validateDesiredState({ ...base, reconcile: "auto" });

    expect(result).toEqual({
      ok: false,
      issues: [{ path: "$.reconcile", message: "must be off, plan or apply" }],
    });
  });
});
