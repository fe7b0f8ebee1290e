import { describe, expect, it } from "vitest";
import { applyProbeResults } from "../../src/core/probe-verdict.js";
import { buildFailedProbe, buildProbeResult } from "../support/builders/probe.js";

describe("applyProbeResults", () => {
  it("calls a healthy endpoint Online and resets its counter", () => {
    const { verdicts, counters } = applyProbeResults(
      { "web-eastus": { consecutiveFailures: 5 } },
      [buildProbeResult()],
      3,
    );
    expect(verdicts.get("web-eastus")).toMatchObject({ status: "Online", consecutiveFailures: 0 });
    expect(counters).toEqual({ "web-eastus": { consecutiveFailures: 0 } });
  });

  it("calls a failure within the tolerated count Failing", () => {
    const { verdicts } = applyProbeResults(
      { "web-eastus": { consecutiveFailures: 2 } },
      [buildFailedProbe()],
      3,
    );
    expect(verdicts.get("web-eastus")).toMatchObject({ status: "Failing", consecutiveFailures: 3 });
  });

  it("calls an endpoint Degraded once consecutive failures exceed the tolerated count", () => {
    const { verdicts } = applyProbeResults(
      { "web-eastus": { consecutiveFailures: 3 } },
      [buildFailedProbe()],
      3,
    );
    expect(verdicts.get("web-eastus")).toMatchObject({ status: "Degraded", consecutiveFailures: 4 });
  });

  it("calls the first failure Degraded when no failures are tolerated", () => {
    expect(applyProbeResults({}, [buildFailedProbe()], 0).verdicts.get("web-eastus")?.status).toBe(
      "Degraded",
    );
  });

  it("keeps the last result in the verdict", () => {
    const failed = buildFailedProbe({ status: 500 });
    expect(applyProbeResults({}, [failed], 1).verdicts.get("web-eastus")?.last).toBe(failed);
  });

  it("drops counters of endpoints no longer probed", () => {
    const { counters } = applyProbeResults({ gone: { consecutiveFailures: 2 } }, [buildProbeResult()], 3);
    expect(Object.keys(counters)).toEqual(["web-eastus"]);
  });
});

describe("applyProbeResults with user-supplied names (issue 10)", () => {
  it("keeps the failure counter of an endpoint named __proto__ across cycles", () => {
    const failed = buildFailedProbe({ endpoint: "__proto__" });
    const first = applyProbeResults({}, [failed], 3);
    const carried = JSON.parse(JSON.stringify(first.counters)) as typeof first.counters;
    const second = applyProbeResults(carried, [failed], 3);
    expect(second.verdicts.get("__proto__")?.consecutiveFailures).toBe(2);
  });
});
