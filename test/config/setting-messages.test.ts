import { describe, expect, it } from "vitest";
import { settingNames } from "../../src/config/load-config.js";
import { problemsOfGiven } from "../support/config-errors.js";

describe("every setting error says what the value must be", () => {
  it.each(settingNames())("%s=abc is accepted or refused with a 'must …' message", (name) => {
    for (const p of problemsOfGiven({ [name]: "abc" })) {
      expect(p.message).not.toMatch(/NaN|received|expected number/i);
      expect(p.message).toMatch(/must|expected form|is not|names no|has no/i);
    }
  });

  it("says what SERVE_PORT must be", () => {
    expect(problemsOfGiven({ SERVE_PORT: "abc" })).toEqual([
      { setting: "SERVE_PORT", message: "must be a whole number from 0 to 65535 (0 picks a free port)" },
    ]);
  });
});
