import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig, settingNames } from "../../src/config/load-config.js";

const sample = JSON.parse(
  readFileSync(new URL("../../local.settings.sample.json", import.meta.url), "utf8"),
) as {
  IsEncrypted?: boolean;
  Values: Record<string, string>;
};

describe("local.settings.sample.json", () => {
  it("lists every setting the config schema reads", () => {
    expect(settingNames().filter((name) => !(name in sample.Values))).toEqual([]);
  });

  it("lists nothing the schema does not read, apart from the worker runtime", () => {
    const names = new Set([...settingNames(), "FUNCTIONS_WORKER_RUNTIME"]);
    expect(Object.keys(sample.Values).filter((k) => !names.has(k))).toEqual([]);
  });

  it("is a valid configuration as it stands", () => {
    expect(() => loadConfig(sample.Values)).not.toThrow();
  });

  it("says it is not encrypted, or Core Tools would treat it as encrypted", () => {
    expect(sample.IsEncrypted).toBe(false);
  });

  it("carries no secret: secret settings are empty", () => {
    for (const key of ["ALERT_TEAMS_WEBHOOK_URL", "SMTP_URL"]) expect(sample.Values[key]).toBe("");
  });
});
