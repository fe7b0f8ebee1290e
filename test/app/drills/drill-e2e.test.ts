import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { drillFindings } from "../../../src/app/drills/drill-findings.js";
import { requestDrill } from "../../../src/app/drills/request-drill.js";
import { AppError } from "../../../src/app/errors.js";
import type { Drill } from "../../../src/core/drill/drill.js";
import { SUB_A, useArmHarness } from "../../support/arm-source-harness.js";
import { buildRawProfile, rawProfileId } from "../../support/builders/arm-raw-profile.js";
import { drillRig, type DrillRig } from "../../support/builders/drill-harness.js";
import { startTrafficManagerModel, type TrafficManagerModel } from "../../support/traffic-manager-model.js";

const harness = useArmHarness();
const ID = rawProfileId(SUB_A, "rg-web", "tm-web");
const KEY = `${SUB_A}/rg-web/tm-web`;
let model: TrafficManagerModel | undefined;

async function setUp(options: Parameters<typeof startTrafficManagerModel>[2] = {}) {
  harness.arm.put(buildRawProfile({ subscriptionId: SUB_A }));
  model = await startTrafficManagerModel(harness.arm, ID, { propagationMs: 200, ...options });
  return model;
}

afterEach(async () => {
  await model?.close();
  model = undefined;
});

async function runDrill(rig: DrillRig, dryRun = false): Promise<Drill> {
  const started = await requestDrill(rig.deps, { profile: KEY, dryRun, trigger: "cli" });
  await rig.queue.idle();
  return (await rig.deps.drills.get(KEY, started.id))!.drill;
}

const patches = () => harness.arm.requests.filter((r) => r.method === "PATCH");
const primaryStatus = () =>
  harness.arm.profiles.get(ID.toLowerCase())?.properties.endpoints[0]?.properties["endpointStatus"];

describe("a failover drill against the ARM stand-in and its DNS model", () => {
  let rig: DrillRig;
  beforeEach(() => {
    harness.arm.requests.length = 0;
  });

  it("passes: traffic moves to the standby, back to the primary, the silence ends", async () => {
    rig = drillRig(harness, ID, await setUp());
    const drill = await runDrill(rig);
    expect(drill).toMatchObject({
      outcome: "passed",
      expectedStandby: "web-westus",
      observedStandby: "web-westus",
      restored: true,
      phase: "done",
    });
    expect(drill.failoverSeconds).toBeGreaterThanOrEqual(0.2);
    expect(drill.failbackSeconds).toBeGreaterThanOrEqual(0.2);
    expect(drill.steps.map((s) => s.action)).toEqual(
      expect.arrayContaining([
        "preflight",
        "silence",
        "disable web-eastus",
        "enable web-eastus",
        "end silence",
      ]),
    );
    expect(patches().map((r) => r.path.split("/").slice(-2).join("/"))).toEqual([
      "ExternalEndpoints/web-eastus",
      "ExternalEndpoints/web-eastus",
    ]);
    expect(primaryStatus()).toBe("Enabled");
    expect(await rig.silences.list({ state: "current", at: new Date() })).toEqual([]);
    expect(drillFindings([drill], new Date()).map((f) => f.code)).toEqual(["DRILL_PASSED"]);
  });

  it("writes nothing to ARM on a dry run and stops after the preflight", async () => {
    rig = drillRig(harness, ID, await setUp());
    const drill = await runDrill(rig, true);
    expect(drill).toMatchObject({ outcome: "passed", dryRun: true, restored: null });
    expect(drill.preflight?.every((c) => c.ok)).toBe(true);
    expect(patches()).toEqual([]);
    expect(harness.arm.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("is refused by the preflight when the standby is unhealthy, naming the check", async () => {
    rig = drillRig(harness, ID, await setUp({ unhealthy: new Set(["web-westus"]) }));
    const drill = await runDrill(rig);
    expect(drill.outcome).toBe("aborted");
    expect(drill.preflight?.filter((c) => !c.ok).map((c) => c.check)).toEqual(["standby-healthy"]);
    expect(patches()).toEqual([]);
  });

  it("fails with DRILL_FAILED and restores the primary when the standby never takes traffic", async () => {
    rig = drillRig(harness, ID, await setUp({ stuck: true }), { deadlineSeconds: 1 });
    const drill = await runDrill(rig);
    expect(drill).toMatchObject({ outcome: "failed", restored: true, observedStandby: null });
    expect(drill.reason).toMatch(/did not move to web-westus/);
    expect(primaryStatus()).toBe("Enabled");
    expect(drillFindings([drill], new Date())[0]).toMatchObject({
      code: "DRILL_FAILED",
      severity: "critical",
    });
  });

  it("retries an ARM 409 on the disable within the deadline and still passes", async () => {
    rig = drillRig(harness, ID, await setUp());
    harness.arm.inject(SUB_A, {
      kind: "status",
      status: 409,
      code: "Conflict",
      times: 2,
      onlyPath: /Endpoints\//,
    });
    const drill = await runDrill(rig);
    expect(drill.outcome).toBe("passed");
    expect(drill.steps.filter((s) => s.observed.startsWith("retrying")).length).toBe(2);
    expect(patches().map((r) => r.status)).toEqual([409, 409, 200, 200]);
  });

  it("aborts and leaves the primary enabled when ARM keeps failing the disable", async () => {
    rig = drillRig(harness, ID, await setUp(), { deadlineSeconds: 1 });
    harness.arm.inject(SUB_A, {
      kind: "status",
      status: 500,
      code: "InternalServerError",
      onlyPath: /Endpoints\//,
    });
    const drill = await runDrill(rig);
    harness.arm.inject(SUB_A, undefined);
    expect(drill.outcome).toBe("aborted");
    expect(drill.reason).toMatch(/could not disable web-eastus/);
    expect(primaryStatus()).toBe("Enabled");
  });

  it("refuses a second drill on the profile while one runs (CONFLICT)", async () => {
    rig = drillRig(harness, ID, await setUp());
    const first = await requestDrill(rig.deps, { profile: KEY, dryRun: false, trigger: "cli" });
    const second = requestDrill(rig.deps, { profile: KEY, dryRun: false, trigger: "cli" });
    await expect(second).rejects.toSatisfy((e) => e instanceof AppError && e.code === "CONFLICT");
    await expect(second).rejects.toThrow(first.id);
    await rig.queue.idle();
  });
});
