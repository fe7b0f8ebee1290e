import { describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { auditProfiles } from "../../src/app/run-audit.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import { parseProfileKey } from "../../src/core/profile-key.js";
import type { Plan } from "../../src/core/reconcile/plan.js";
import { applyPlanFunction } from "../../src/functions/apply-plan.js";
import { toHttpEtag } from "../../src/functions/http/etag.js";
import { planProfileFunction } from "../../src/functions/plan-profile.js";
import { buildRawProfile, rawProfileId } from "../support/builders/arm-raw-profile.js";
import { buildTableRuntime, profileParams } from "../support/builders/http-runtime.js";
import { invokeDocumented } from "../support/documented-invoke.js";
import { SUB_A, useArmHarness } from "../support/arm-source-harness.js";

const h = useArmHarness();
let seq = 0;

const desired: DesiredState = {
  routingMethod: "Priority",
  endpoints: [
    { name: "web-northeu", enabled: true },
    { name: "web-eastus", enabled: true },
    { name: "web-westus", enabled: true },
  ],
  monitor: { path: "/ready", toleratedNumberOfFailures: 1 },
  ttl: 30,
};

/** A fresh profile on the local ARM (eastus 1, westus 2, northeu 3) with a stored desired state. */
async function setup(env: Record<string, string> = { TM_ENABLE_WRITE_FEATURES: "true" }) {
  seq += 1;
  const name = `tm-rec-${String(seq)}`;
  h.arm.put(
    buildRawProfile({
      subscriptionId: SUB_A,
      name,
      endpoints: [
        { name: "web-eastus", target: "eastus.example.test", priority: 1 },
        { name: "web-westus", target: "westus.example.test", priority: 2 },
        { name: "web-northeu", target: "northeu.example.test", priority: 3 },
      ],
    }),
  );
  const key = `${SUB_A}/rg-web/${name}`.toLowerCase();
  const clients = h.clients();
  const rt: Runtime = await buildTableRuntime(
    [],
    { live: h.source(rawProfileId(SUB_A, "rg-web", name), { clients }), writer: h.writer(clients) },
    env,
  );
  const stored = await rt.desired.create(key, desired, "test");
  h.arm.requests.length = 0;
  return { rt, key, etag: toHttpEtag(stored.etag) };
}

const patches = () => h.arm.requests.filter((r) => r.method === "PATCH");

async function plan(rt: Runtime, key: string, query: Record<string, string> = {}) {
  const res = await invokeDocumented(planProfileFunction, rt, `profiles/${key}/plan`, {
    params: profileParams(key),
    query,
  });
  return { res, plan: res.json() as Plan };
}

function apply(rt: Runtime, key: string, body: unknown, headers: Record<string, string>) {
  return invokeDocumented(applyPlanFunction, rt, `profiles/${key}/apply`, {
    params: profileParams(key),
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const audit = (rt: Runtime, key: string) =>
  auditProfiles(rt, [parseProfileKey(key)!], {
    probe: false,
    basis: "traffic-manager",
    certWarningDays: 14,
    profileConcurrency: 1,
    checkDns: false,
  });

describe("POST …/plan and …/apply", () => {
  it("plans the order, monitor and TTL changes with the desired state's ETag, writing nothing", async () => {
    const { rt, key, etag } = await setup();

    const { res, plan: p } = await plan(rt, key);

    expect(res.status).toBe(200);
    expect(res.header("etag")).toBe(etag);
    // northeu cannot go below eastus's 1, so eastus and westus move behind it (two moves).
    expect(p.changes.map((c) => `${c.name} ${c.field}`)).toEqual([
      "web-eastus priority",
      "web-westus priority",
      `${key} monitorConfig.path`,
      `${key} monitorConfig.toleratedNumberOfFailures`,
      `${key} ttl`,
    ]);
    expect(p.blocked).toEqual([]);
    expect(patches()).toEqual([]);
  });

  it("applies the reviewed plan through ARM; the next audit has no order, monitor or TTL drift", async () => {
    const { rt, key, etag } = await setup();
    const before = (await audit(rt, key)).reports[0]!.findings.map((f) => f.code);
    const { plan: p } = await plan(rt, key);

    const res = await apply(rt, key, { planHash: p.hash }, { "if-match": etag });

    expect(res.status).toBe(200);
    expect(before).toEqual(expect.arrayContaining(["ORDER_DRIFT", "MONITOR_CONFIG_DRIFT", "TTL_DRIFT"]));
    const after = (await audit(rt, key)).reports[0]!.findings.map((f) => f.code);
    expect(after.filter((c) => ["ORDER_DRIFT", "MONITOR_CONFIG_DRIFT", "TTL_DRIFT"].includes(c))).toEqual([]);
    expect(patches().map((r) => r.status)).toEqual([200, 200, 200]);
    const [record] = await rt.desired.applies(key);
    expect(record).toMatchObject({ appliedBy: "function-key", plan: { hash: p.hash } });
    expect(record?.results.every((r) => r.status === "applied")).toBe(true);
  });

  it("answers 409 and writes nothing when the live profile changed since the plan", async () => {
    const { rt, key, etag } = await setup();
    const { plan: p } = await plan(rt, key);
    await h.writer().updateProfile(key, { ttl: 45 });
    h.arm.requests.length = 0;

    const res = await apply(rt, key, { planHash: p.hash }, { "if-match": etag });

    expect(res.status).toBe(409);
    expect(patches()).toEqual([]);
    expect(await rt.desired.applies(key)).toEqual([]);
  });

  it("answers 412 and writes nothing when the desired state changed since the plan", async () => {
    const { rt, key, etag } = await setup();
    const { plan: p } = await plan(rt, key);
    const current = await rt.desired.get(key);
    await rt.desired.replace(key, { ...desired, ttl: 90 }, current!.etag, "someone");

    const res = await apply(rt, key, { planHash: p.hash }, { "if-match": etag });

    expect(res.status).toBe(412);
    expect(patches()).toEqual([]);
  });

  it("answers 403 naming TM_ENABLE_WRITE_FEATURES when writes are off, reading only what the watch check needs", async () => {
    const { rt, key, etag } = await setup({});

    const res = await apply(rt, key, { planHash: "0".repeat(64) }, { "if-match": etag });

    expect(res.status).toBe(403);
    expect((res.json() as { detail: string }).detail).toContain("TM_ENABLE_WRITE_FEATURES");
    // The watch check may GET the profile (it lies in a watched scope); nothing else is read or written.
    expect(h.arm.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(h.arm.requests.length).toBeLessThanOrEqual(1);
  });

  it("answers 422 naming the guard rail and writes nothing when the new primary is unhealthy", async () => {
    const { rt, key, etag } = await setup();
    const profile = h.arm.profiles.get(rawProfileId(SUB_A, "rg-web", key.split("/")[2]!).toLowerCase())!;
    profile.properties.endpoints.find((e) => e.name === "web-northeu")!.properties["endpointMonitorStatus"] =
      "Degraded";
    const { plan: p } = await plan(rt, key);

    const res = await apply(rt, key, { planHash: p.hash }, { "if-match": etag });

    expect(p.blocked.map((b) => b.rule)).toEqual(["unhealthy-primary"]);
    expect(res.status).toBe(422);
    expect(patches()).toEqual([]);
  });

  it("answers a plan for a profile without a desired state with 404", async () => {
    const { rt, key } = await setup();
    await rt.desired.delete(key, "*", "test");

    const { res } = await plan(rt, key);

    expect([res.status, res.header("content-type")]).toEqual([404, "application/problem+json"]);
  });

  it("answers 428 without If-Match and 400 naming $.planHash for a malformed body", async () => {
    const { rt, key, etag } = await setup();

    expect((await apply(rt, key, { planHash: "0".repeat(64) }, {})).status).toBe(428);
    const bad = await apply(rt, key, { planHash: "nope", extra: 1 }, { "if-match": etag });
    expect(bad.status).toBe(400);
    expect((bad.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      "$.planHash",
      "$.extra",
    ]);
  });
});
