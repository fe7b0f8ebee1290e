import { beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { adoptDesiredFunction } from "../../src/functions/adopt-desired.js";
import { allFunctions } from "../../src/functions/all-functions.js";
import { auditNowFunction } from "../../src/functions/audit-now.js";
import { getReportFunction } from "../../src/functions/get-report.js";
import { listProfilesFunction } from "../../src/functions/list-profiles.js";
import { openApiFunction } from "../../src/functions/openapi.js";
import { putDesiredFunction } from "../../src/functions/put-desired.js";
import { anEndpoint } from "../support/builders/audit-builders.js";
import { buildDesiredState } from "../support/builders/desired-builders.js";
import {
  buildTableRuntime,
  profileParams,
  TEST_SUB,
  aWatchedProfile,
} from "../support/builders/http-runtime.js";
import { invokeDocumented } from "../support/documented-invoke.js";

let rt: Runtime;
// Live order is west first (priority 1), east second; endpoints listed in the other order.
const live = (name: string) =>
  aWatchedProfile({
    name,
    endpoints: [
      anEndpoint({ name: "web-eastus", priority: 2 }),
      anEndpoint({ name: "web-westus", priority: 1, enabled: false }),
    ],
  });

beforeAll(async () => {
  rt = await buildTableRuntime(
    [
      live("audited"),
      live("adopt1"),
      live("adopt2"),
      live("adopt3"),
      aWatchedProfile({ name: "empty", endpoints: [] }),
    ],
    {},
    { PROBE_ENABLED: "false" },
  );
});

const route = (key: string, suffix: string) => ({
  path: `profiles/${key}/${suffix}`,
  params: profileParams(key),
});
const adopt = (key: string, headers: Record<string, string> = {}) => {
  const r = route(key, "desired/adopt");
  return invokeDocumented(adoptDesiredFunction, rt, r.path, { params: r.params, headers });
};

describe("profiles, audit, report, adopt and openapi routes", () => {
  it("answers GET report with 404 before the first audit", async () => {
    const r = route(`${TEST_SUB}/rg1/audited`, "report");
    expect((await invokeDocumented(getReportFunction, rt, r.path, { params: r.params })).status).toBe(404);
  });

  it("audits now, returns the report and stores it for GET report", async () => {
    const r = route(`${TEST_SUB}/rg1/audited`, "audit");
    const res = await invokeDocumented(auditNowFunction, rt, r.path, { params: r.params });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ profile: `${TEST_SUB}/rg1/audited`, routingMethod: "Priority" });
    const g = route(`${TEST_SUB}/rg1/audited`, "report");
    const stored = await invokeDocumented(getReportFunction, rt, g.path, { params: g.params });
    expect(stored.json()).toEqual(res.json());
  });

  it("lists audited profiles with their last audit summary", async () => {
    const res = await invokeDocumented(listProfilesFunction, rt, "profiles");
    const { profiles } = res.json() as { profiles: { profile: string; lastAudit: unknown }[] };
    const summary = profiles.find((p) => p.profile === `${TEST_SUB}/rg1/audited`);
    const report = (await rt.reports.latest(`${TEST_SUB}/rg1/audited`))!;
    expect(summary).toMatchObject({ profile: `${TEST_SUB}/rg1/audited`, desired: null });
    expect(summary?.lastAudit).toMatchObject({
      generatedAt: report.generatedAt,
      servingEndpoint: report.servingEndpoint,
      codes: [...new Set(report.findings.map((f) => f.code))],
    });
  });

  it("adopts the live failover order and enabled flags as a new desired state", async () => {
    const res = await adopt(`${TEST_SUB}/rg1/adopt1`);
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({
      routingMethod: "Priority",
      endpoints: [
        { name: "web-westus", enabled: false },
        { name: "web-eastus", enabled: true },
      ],
      ttl: 60,
      monitor: { protocol: "HTTPS", port: 443, path: "/health" },
    });
  });

  it("refuses to adopt over an existing desired state without If-Match (428)", async () => {
    await adopt(`${TEST_SUB}/rg1/adopt2`);
    expect((await adopt(`${TEST_SUB}/rg1/adopt2`)).status).toBe(428);
  });

  it("adopts over an existing desired state with its ETag and keeps its vanity domains", async () => {
    const key = `${TEST_SUB}/rg1/adopt3`;
    const r = route(key, "desired");
    const created = await invokeDocumented(putDesiredFunction, rt, r.path, {
      params: r.params,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(buildDesiredState({ vanityDomains: ["www.contoso.com"] })),
    });
    const res = await adopt(key, { "if-match": created.header("etag")! });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      vanityDomains: ["www.contoso.com"],
      endpoints: [{ name: "web-westus" }, { name: "web-eastus" }],
    });
    expect((await adopt(key, { "if-match": created.header("etag")! })).status).toBe(412);
  });

  it("refuses to adopt a live profile that is no valid desired state (no endpoints) with 422", async () => {
    const res = await adopt(`${TEST_SUB}/rg1/empty`);
    expect([res.status, res.json()]).toMatchObject([422, { errors: [{ path: "$.endpoints" }] }]);
  });

  it("refuses to adopt a profile that does not exist live (404, not watched)", async () => {
    expect((await adopt(`${TEST_SUB}/rg1/missing`)).status).toBe(404);
  });

  it("serves an OpenAPI 3.1 document whose desired-state schema comes from the zod schema", async () => {
    const res = await invokeDocumented(openApiFunction, rt, "openapi.json");
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: object }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/profiles",
        "/profiles/{sub}/{rg}/{name}/desired",
        "/profiles/{sub}/{rg}/{name}/desired/adopt",
        "/profiles/{sub}/{rg}/{name}/audit",
        "/profiles/{sub}/{rg}/{name}/report",
      ]),
    );
    expect(doc.components.schemas["DesiredState"]?.properties).toHaveProperty("endpoints");
  });

  it("documents exactly the HTTP routes and methods the app registers", async () => {
    const doc = (await invokeDocumented(openApiFunction, rt, "openapi.json")).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const verbs = ["get", "put", "post", "delete", "patch"];
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => verbs.includes(k))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const registered = allFunctions.flatMap((d) =>
      d.kind === "http" ? d.methods.map((m) => `${m} /${d.route}`) : [],
    );
    expect(documented.sort()).toEqual(registered.sort());
  });

  it("documents 400 for a PUT whose body is invalid, alongside the precondition answers", async () => {
    const doc = (await invokeDocumented(openApiFunction, rt, "openapi.json")).json() as {
      paths: Record<string, { put?: { responses: Record<string, { description: string }> } }>;
    };
    const responses = doc.paths["/profiles/{sub}/{rg}/{name}/desired"]!.put!.responses;
    expect(Object.keys(responses)).toEqual(
      expect.arrayContaining(["400", "412", "413", "415", "422", "428"]),
    );
    expect(responses["400"]!.description).toMatch(/errors\[\]/);
  });
});
