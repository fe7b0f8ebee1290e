import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { problemsOfGiven } from "../support/config-errors.js";
import { WRITE_FEATURES_SETTING } from "../../src/app/write-features.js";

describe("write section", () => {
  it("keeps writes off by default", () => {
    expect(loadConfig({}).write.enabled).toBe(false);
  });

  it("turns writes on with TM_ENABLE_WRITE_FEATURES=true", () => {
    expect(loadConfig({ TM_ENABLE_WRITE_FEATURES: "true" }).write.enabled).toBe(true);
  });

  it("names TM_ENABLE_WRITE_FEATURES when its value is not a boolean", () => {
    expect(problemsOfGiven({ TM_ENABLE_WRITE_FEATURES: "maybe" })).toEqual([
      { setting: "TM_ENABLE_WRITE_FEATURES", message: "must be true or false" },
    ]);
  });

  it("is the setting the refusals name", () => {
    expect(loadConfig({ [WRITE_FEATURES_SETTING]: "true" }).write.enabled).toBe(true);
  });
});
