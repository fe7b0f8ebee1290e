import { beforeAll, describe, expect, it } from "vitest";
import { MemoryStatusHistoryStore } from "../../src/adapters/memory/memory-status-history-store.js";
import type { Runtime } from "../../src/composition-root.js";
import { auditNowFunction } from "../../src/functions/audit-now.js";
import { getProfileStatusFunction } from "../../src/functions/get-profile-status.js";
import { getStatusFunction } from "../../src/functions/get-status.js";
import { buildOpenApiDocument } from "../../src/functions/http/openapi-document.js";
import {
  aWatchedProfile,
  buildTableRuntime,
  profileParams,
  TEST_SUB,
} from "../support/builders/http-runtime.js";
import { invokeDocumented } from "../support/documented-invoke.js";

let rt: Runtime;
const KEY = `${TEST_SUB}/rg1/contoso`;

beforeAll(async () => {
  rt = await buildTableRuntime(
    [aWatchedProfile()],
    { statusHistory: new MemoryStatusHistoryStore() },
    { PROBE_ENABLED: "false" },
  );
  const r = await invokeDocumented(auditNowFunction, rt, `profiles/${KEY}/audit`, {
    params: profileParams(KEY),
  });
  expect(r.status).toBe(200);
});

describe("status routes", () => {
  it("serves the overview as self-contained HTML with a strict content security policy", async () => {
    const res = await invokeDocumented(getStatusFunction, rt, "status", { query: { code: "k&1" } });
    expect(res.status).toBe(200);
    expect(res.header("content-type")).toBe("text/html; charset=utf-8");
    expect(res.header("content-security-policy")).toContain("default-src 'none'");
    const html = res.body as string;
    expect(html).toContain("<h1>tm-sentinel status</h1>");
    expect(html).toContain(`href="status/${TEST_SUB}/rg1/contoso?code=k%261"`);
  });

  it("serves one profile's page with its serving endpoint marked", async () => {
    const res = await invokeDocumented(getProfileStatusFunction, rt, `status/${KEY}`, {
      params: profileParams(KEY),
    });
    expect(res.status).toBe(200);
    expect(res.body as string).toMatch(
      /<li class="serving" aria-current="true"><strong>web-eastus<\/strong>/,
    );
  });

  it("is described in the OpenAPI document as HTML behind the function key", () => {
    const paths = buildOpenApiDocument().paths as Record<
      string,
      { get: { responses: Record<string, { content?: object }> } }
    >;
    expect(Object.keys(paths["/status"]!.get.responses["200"]!.content!)).toEqual(["text/html"]);
    expect(paths["/status/{sub}/{rg}/{name}"]!.get.responses["404"]).toBeDefined();
  });
});
