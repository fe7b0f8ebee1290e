import { beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { buildOpenApiDocument } from "../../src/functions/http/openapi-document.js";
import {
  httpDefinitions,
  pathOf,
  perProfileDefinitions,
  segmentCases,
  WATCHED_SUB,
} from "../support/abuse-cases.js";
import { aWatchedProfile, buildTableRuntime, invoke } from "../support/builders/http-runtime.js";
import { snapshotTables } from "../support/builders/table-snapshot.js";
import { expectDocumentedResponse } from "../support/openapi-validator.js";

let rt: Runtime;
const alerts: unknown[] = [];

beforeAll(async () => {
  rt = await buildTableRuntime(
    [aWatchedProfile({ name: "real" })],
    {
      alerts: {
        deliveryFindings: () => Promise.resolve([]),
        dispatch: (...args: unknown[]) => {
          alerts.push(args);
          return Promise.resolve();
        },
      },
    },
    { TM_WATCH: `/subscriptions/${WATCHED_SUB}/resourceGroups/rg1`, PROBE_ENABLED: "false" },
  );
});

const cases = perProfileDefinitions.flatMap((def) =>
  def.methods.flatMap((method) => segmentCases.map((c) => ({ def, method, c }))),
);

describe("every per-profile route refuses what it must not touch (registered handlers)", () => {
  it("covers at least the v0.1 per-profile routes", () => {
    expect(perProfileDefinitions.map((d) => d.name)).toEqual(
      expect.arrayContaining(["getDesired", "putDesired", "adoptDesired", "getReport", "auditNow"]),
    );
  });

  it.each(cases.map((x) => [x.def.name, x.method, x.c.what, x]))(
    "%s %s with %s: expected status, problem+json, zero writes, zero alerts",
    async (_name, _method, _what, { def, method, c }) => {
      const before = await snapshotTables(rt);
      const res = await invoke(def, rt, pathOf(def, c.path), {
        method,
        params: { ...c.params, id: "x" },
        headers: { "content-type": "application/json", "if-match": "*" },
        body: method === "GET" ? undefined! : JSON.stringify({ routingMethod: "Priority", endpoints: [] }),
      });
      expect([res.status, res.header("content-type")]).toEqual([c.status, "application/problem+json"]);
      expect(res.json()).toMatchObject({ status: c.status, type: expect.any(String) as unknown });
      expectDocumentedResponse(def.route, method, res);
      expect(await snapshotTables(rt)).toEqual(before);
      expect(alerts).toEqual([]);
    },
  );

  it("answers a wrong content type on a watched profile with 415 and writes nothing", async () => {
    const put = perProfileDefinitions.find((d) => d.name === "putDesired")!;
    const before = await snapshotTables(rt);
    const res = await invoke(put, rt, pathOf(put, `${WATCHED_SUB}/rg1/real`), {
      params: { sub: WATCHED_SUB, rg: "rg1", name: "real" },
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect([res.status, res.header("content-type")]).toEqual([415, "application/problem+json"]);
    expectDocumentedResponse(put.route, "PUT", res);
    expect(await snapshotTables(rt)).toEqual(before);
  });

  it("answers a huge body on a watched profile with 413 and writes nothing", async () => {
    const put = perProfileDefinitions.find((d) => d.name === "putDesired")!;
    const before = await snapshotTables(rt);
    const res = await invoke(put, rt, pathOf(put, `${WATCHED_SUB}/rg1/real`), {
      params: { sub: WATCHED_SUB, rg: "rg1", name: "real" },
      headers: { "content-type": "application/json" },
      body: `"${"a".repeat(10_000_000)}"`,
    });
    expect([res.status, res.header("content-type")]).toEqual([413, "application/problem+json"]);
    expectDocumentedResponse(put.route, "PUT", res);
    expect(await snapshotTables(rt)).toEqual(before);
  });
});

// Every operation the document gives a JSON request body, taken from the document itself, so a
// route that starts reading a body is covered without editing this list.
const paths = buildOpenApiDocument().paths as Record<string, Record<string, { requestBody?: unknown }>>;
const bodyRoutes = httpDefinitions.flatMap((def) =>
  def.methods
    .filter((m) => paths[`/${def.route}`]?.[m.toLowerCase()]?.requestBody !== undefined)
    .map((method) => ({ def, method })),
);

describe("every route that reads a JSON body refuses a wrong type or size before reading it (registered handlers)", () => {
  let writable: Runtime;
  beforeAll(async () => {
    writable = await buildTableRuntime(
      [aWatchedProfile({ name: "real" })],
      {},
      {
        TM_WATCH: `/subscriptions/${WATCHED_SUB}/resourceGroups/rg1`,
        PROBE_ENABLED: "false",
        // With writes on, apply and drills reach their body (off, they answer 403 first).
        TM_ENABLE_WRITE_FEATURES: "true",
      },
    );
  });

  it("finds the body routes in the document", () => {
    expect(bodyRoutes.map((r) => r.def.name)).toEqual(
      expect.arrayContaining(["putDesired", "applyPlan", "postSilence", "startDrill"]),
    );
  });

  it.each(
    bodyRoutes.flatMap(({ def, method }) => [
      [def.name, method, "text/plain", "{}", 415, def] as const,
      [def.name, method, "a body over 64 KiB", `"${"a".repeat(70_000)}"`, 413, def] as const,
    ]),
  )(
    "%s %s with %s: %i problem+json as documented, nothing written",
    async (_n, method, what, body, status, def) => {
      const before = await snapshotTables(writable);
      const res = await invoke(def, writable, pathOf(def, `${WATCHED_SUB}/rg1/real`), {
        method,
        params: { sub: WATCHED_SUB, rg: "rg1", name: "real", id: "x" },
        headers: { "content-type": what === "text/plain" ? "text/plain" : "application/json" },
        body,
      });
      expect([res.status, res.header("content-type")]).toEqual([status, "application/problem+json"]);
      expectDocumentedResponse(def.route, method, res);
      expect(await snapshotTables(writable)).toEqual(before);
    },
  );
});
