import { describe, expect, it } from "vitest";
import { problemsOfGiven } from "../support/config-errors.js";
import { armSection } from "../../src/config/sections/arm.js";

const SUB = "11111111-1111-1111-1111-111111111111";

const problemsOf = problemsOfGiven;

describe("arm settings", () => {
  it("defaults to the public cloud scope, 3 retries, a 30 s timeout and nothing watched", () => {
    expect(armSection.parse({})).toEqual({
      watch: [],
      watchTag: undefined,
      endpoint: undefined,
      scope: "https://management.azure.com/.default",
      clientId: undefined,
      maxRetries: 3,
      timeoutMs: 30_000,
      liveProfileFile: undefined,
    });
  });

  it("parses the watch list and tag", () => {
    const arm = armSection.parse({ TM_WATCH: `/subscriptions/${SUB}`, TM_WATCH_TAG: "tm-sentinel=watch" });

    expect(arm.watch).toEqual([{ kind: "subscription", subscriptionId: SUB }]);
    expect(arm.watchTag).toEqual({ name: "tm-sentinel", value: "watch" });
  });

  it("names TM_WATCH and the offending entry when an entry is invalid", () => {
    const [problem] = problemsOf({ TM_WATCH: `/subscriptions/${SUB},tm-web` });

    expect(problem?.setting).toBe("TM_WATCH");
    expect(problem?.message).toContain('"tm-web"');
  });

  it("strips a trailing slash from ARM_ENDPOINT", () => {
    expect(armSection.parse({ ARM_ENDPOINT: "https://management.usgovcloudapi.net/" }).endpoint).toBe(
      "https://management.usgovcloudapi.net",
    );
  });

  it("reports every malformed ARM setting at once", () => {
    const settings = problemsOf({
      ARM_ENDPOINT: "http://x",
      ARM_MAX_RETRIES: "many",
      ARM_TIMEOUT_MS: "5",
    }).map((p) => p.setting);

    expect(settings.sort()).toEqual(["ARM_ENDPOINT", "ARM_MAX_RETRIES", "ARM_TIMEOUT_MS"]);
  });
});
