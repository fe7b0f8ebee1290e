import { describe, expect, it } from "vitest";
import { autoReconcile } from "../../src/app/reconcile/auto-reconcile.js";
import { auditProfiles } from "../../src/app/run-audit.js";
import type { Runtime } from "../../src/composition-root.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import { parseProfileKey } from "../../src/core/profile-key.js";
import { buildRawProfile, rawProfileId } from "../support/builders/arm-raw-profile.js";
import { buildTableRuntime } from "../support/builders/http-runtime.js";
import { SUB_A, useArmHarness } from "../support/arm-source-harness.js";

const h = useArmHarness();
let seq = 0;

const desiredWith = (reconcile: DesiredState["reconcile"]): DesiredState => ({
  routingMethod: "Priority",
  endpoints: [
    { name: "web-westus", enabled: true },
    { name: "web-eastus", enabled: true },
  ],
  ttl: 20,
  ...(reconcile !== undefined && { reconcile }),
});

async function setup(reconcile: DesiredState["reconcile"], opts: { writes?: boolean; westus?: string } = {}) {
  seq += 1;
  const name = `tm-auto-${String(seq)}`;
  h.arm.put(
    buildRawProfile({
      subscriptionId: SUB_A,
      name,
      endpoints: [
        { name: "web-eastus", target: "eastus.example.test", priority: 1 },
        {
          name: "web-westus",
          target: "westus.example.test",
          priority: 2,
          endpointMonitorStatus: opts.westus ?? "Online",
        },
      ],
    }),
  );
  const key = `${SUB_A}/rg-web/${name}`.toLowerCase();
  const clients = h.clients();
  const rt: Runtime = await buildTableRuntime([], {
    live: h.source(rawProfileId(SUB_A, "rg-web", name), { clients }),
    writer: h.writer(clients),
  });
  await rt.desired.create(key, desiredWith(reconcile), "test");
  h.arm.requests.length = 0;
  const cycle = async () => {
    const reconcileHook = autoReconcile({ ...rt, writeEnabled: opts.writes ?? true });
    const result = await auditProfiles({ ...rt, reconcile: reconcileHook }, [parseProfileKey(key)!], {
      probe: false,
      basis: "traffic-manager",
      certWarningDays: 14,
      profileConcurrency: 1,
      checkDns: false,
    });
    return result.reports[0]!;
  };
  return { rt, key, cycle };
}

const patches = () => h.arm.requests.filter((r) => r.method === "PATCH");
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe("auto-reconcile on the audit timer", () => {
  it("attaches the plan to the report in plan mode and writes nothing", async () => {
    const { cycle } = await setup("plan");

    const report = await cycle();

    expect(report.plan?.changes.map((c) => c.field)).toEqual(["priority", "ttl"]);
    expect(report.applied).toBeUndefined();
    expect(patches()).toEqual([]);
  });

  it("applies in apply mode, says what it changed, records it, and the next audit is clean", async () => {
    const { rt, key, cycle } = await setup("apply");

    const report = await cycle();
    const next = await cycle();

    expect(report.applied?.map((r) => r.status)).toEqual(["applied", "applied"]);
    const finding = report.findings.find((f) => f.code === "RECONCILE_APPLIED");
    expect(finding?.message).toContain("web-eastus priority");
    expect((await rt.desired.applies(key))[0]?.appliedBy).toBe("auto-reconcile");
    expect(codes(next)).not.toContain("ORDER_DRIFT");
    expect(codes(next)).not.toContain("TTL_DRIFT");
    expect(next.plan?.changes).toEqual([]);
  });

  it("does not apply when a guard rail blocks, and says which", async () => {
    const { cycle } = await setup("apply", { westus: "Degraded" });

    const report = await cycle();

    expect(codes(report)).toContain("RECONCILE_BLOCKED");
    expect(report.plan?.blocked.map((b) => b.rule)).toEqual(["unhealthy-primary"]);
    expect(patches()).toEqual([]);
  });

  it("does not apply while writes are off, naming TM_ENABLE_WRITE_FEATURES", async () => {
    const { cycle } = await setup("apply", { writes: false });

    const report = await cycle();

    expect(report.findings.find((f) => f.code === "RECONCILE_BLOCKED")?.message).toContain(
      "TM_ENABLE_WRITE_FEATURES",
    );
    expect(patches()).toEqual([]);
  });

  it("does nothing extra when reconcile is off (the default)", async () => {
    const { cycle } = await setup(undefined);

    const report = await cycle();

    expect(report.plan).toBeUndefined();
    expect(patches()).toEqual([]);
  });
});
