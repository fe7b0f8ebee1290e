import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/app/errors.js";
import type { Runtime } from "../../src/composition-root.js";
import { getDesiredFunction } from "../../src/functions/get-desired.js";
import { putDesiredFunction } from "../../src/functions/put-desired.js";
import { endpointsInOrder } from "../support/builders/audit-builders.js";
import { buildDesiredEndpoint, buildDesiredState } from "../support/builders/desired-builders.js";
import {
  profileParams,
  buildTableRuntime,
  TEST_SUB,
  aWatchedProfile,
} from "../support/builders/http-runtime.js";
import { invokeDocumented } from "../support/documented-invoke.js";
import { dumpTable } from "../support/builders/table-store-builders.js";

let rt: Runtime;
let seq = 0;
/** A fresh profile per test, all present live with endpoints web-eastus and web-westus. */
function newProfile(): string {
  seq += 1;
  return `${TEST_SUB}/rg1/p${seq}`;
}

const live = Array.from({ length: 40 }, (_, i) =>
  aWatchedProfile({ name: `p${i + 1}`, endpoints: endpointsInOrder("web-eastus", "web-westus") }),
);

beforeAll(async () => {
  rt = await buildTableRuntime(live, {}, { WEBSITE_AUTH_ENABLED: "True" });
});

const json = { "content-type": "application/json" };
const doc = buildDesiredState();
const reordered = buildDesiredState({
  endpoints: [buildDesiredEndpoint({ name: "web-westus" }), buildDesiredEndpoint({ name: "web-eastus" })],
});

function put(
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
  query: Record<string, string> = {},
) {
  return invokeDocumented(putDesiredFunction, rt, `profiles/${key}/desired`, {
    params: profileParams(key),
    headers: { ...json, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    query,
  });
}
const get = (key: string) =>
  invokeDocumented(getDesiredFunction, rt, `profiles/${key}/desired`, { params: profileParams(key) });

describe("PUT and GET /api/profiles/{sub}/{rg}/{name}/desired", () => {
  it("creates with If-None-Match: * and returns 201, the document and an ETag", async () => {
    const res = await put(newProfile(), doc, { "if-none-match": "*" });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual(doc);
    expect(res.header("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it("creates without conditional headers when nothing is stored yet", async () => {
    expect((await put(newProfile(), doc)).status).toBe(201);
  });

  it("reads back the stored document with the same ETag", async () => {
    const key = newProfile();
    const created = await put(key, doc, { "if-none-match": "*" });
    const res = await get(key);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(doc);
    expect(res.header("etag")).toBe(created.header("etag"));
  });

  it("answers 404 problem+json for a profile without a desired state", async () => {
    const res = await get(newProfile());
    expect(res.status).toBe(404);
    expect(res.header("content-type")).toBe("application/problem+json");
  });

  it("refuses If-None-Match: * on an existing document with 412", async () => {
    const key = newProfile();
    await put(key, doc, { "if-none-match": "*" });
    expect((await put(key, reordered, { "if-none-match": "*" })).status).toBe(412);
  });

  it("replaces with the current ETag and returns 200 with a new ETag", async () => {
    const key = newProfile();
    const created = await put(key, doc, { "if-none-match": "*" });
    const res = await put(key, reordered, { "if-match": created.header("etag")! });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(reordered);
    expect(res.header("etag")).not.toBe(created.header("etag"));
    expect((await get(key)).json()).toEqual(reordered);
  });

  it("answers a stale If-Match with 412 and changes nothing", async () => {
    const key = newProfile();
    const created = await put(key, doc, { "if-none-match": "*" });
    await put(key, reordered, { "if-match": created.header("etag")! });
    const before = await dumpTable(rt.config.store.tables.desired);
    const res = await put(key, doc, { "if-match": created.header("etag")! });
    expect(res.status).toBe(412);
    expect(await dumpTable(rt.config.store.tables.desired)).toBe(before);
  });

  it("replaces with If-Match: * whatever the current ETag is", async () => {
    const key = newProfile();
    await put(key, doc, { "if-none-match": "*" });
    const res = await put(key, reordered, { "if-match": "*" });
    expect([res.status, res.json()]).toEqual([200, reordered]);
  });

  it("answers If-Match: * on a missing document with 412 and creates nothing", async () => {
    const key = newProfile();
    expect((await put(key, doc, { "if-match": "*" })).status).toBe(412);
    expect((await get(key)).status).toBe(404);
  });

  it("answers an unexpected failure with a 500 problem+json that does not echo its message", async () => {
    const broken = { ...rt.desired, get: () => Promise.reject(new Error("AccountKey=s3cret internal")) };
    const key = newProfile();
    const res = await invokeDocumented(
      getDesiredFunction,
      { ...rt, desired: broken },
      `profiles/${key}/desired`,
      {
        params: profileParams(key),
      },
    );
    expect([res.status, res.header("content-type")]).toEqual([500, "application/problem+json"]);
    expect(JSON.stringify(res.json())).not.toContain("s3cret");
  });

  it("answers a storage failure with a 502 problem+json carrying an operation id, not the cause", async () => {
    const upstream = new AppError("UPSTREAM", "table desired: AccountKey=s3cret refused");
    const broken = { ...rt.desired, get: () => Promise.reject(upstream) };
    const key = newProfile();
    const res = await invokeDocumented(
      getDesiredFunction,
      { ...rt, desired: broken },
      `profiles/${key}/desired`,
      {
        params: profileParams(key),
      },
    );
    expect([res.status, res.header("content-type")]).toEqual([502, "application/problem+json"]);
    expect(res.json()).toMatchObject({ status: 502, operationId: expect.any(String) as unknown });
    expect(JSON.stringify(res.json())).not.toContain("s3cret");
  });

  it("answers an unquoted but current ETag with 400 that shows the quoted form, changing nothing", async () => {
    const key = newProfile();
    const created = await put(key, doc, { "if-none-match": "*" });
    const unquoted = created.header("etag")!.replace(/"/g, "");
    const res = await put(key, reordered, { "if-match": unquoted });
    expect([res.status, res.json()]).toMatchObject([400, { errors: [{ path: "header.If-Match" }] }]);
    expect((res.json() as { detail: string }).detail).toContain('If-Match: "');
    expect((await get(key)).json()).toEqual(doc);
  });

  it("answers If-Match on a missing document with 412", async () => {
    expect((await put(newProfile(), doc, { "if-match": 'W/"nope"' })).status).toBe(412);
  });

  it("lets exactly one of 20 concurrent PUTs with the same ETag win, and stores the winner's document", async () => {
    const key = newProfile();
    const etag = (await put(key, doc, { "if-none-match": "*" })).header("etag")!;
    const bodies = Array.from({ length: 20 }, (_, i) => buildDesiredState({ ttl: 100 + i }));
    const results = await Promise.all(bodies.map((b) => put(key, b, { "if-match": etag })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = bodies[statuses.indexOf(200)];
    expect((await get(key)).json()).toEqual(winner);
  });

  it("answers PUT on an existing document without If-Match with 428", async () => {
    const key = newProfile();
    await put(key, doc);
    const res = await put(key, reordered);
    expect(res.status).toBe(428);
    expect(res.header("content-type")).toBe("application/problem+json");
  });

  it("answers a body over 64 KiB with 413 before parsing it", async () => {
    const res = await put(newProfile(), `{"x":"${"a".repeat(70_000)}"`);
    expect(res.status).toBe(413);
  });

  it("answers a body over 64 KiB announced by Content-Length with 413", async () => {
    const res = await put(newProfile(), doc, { "content-length": "70000" });
    expect(res.status).toBe(413);
  });

  it("answers a wrong content type with 415", async () => {
    const res = await put(newProfile(), doc, { "content-type": "text/plain" });
    expect(res.status).toBe(415);
  });

  it("accepts a JSON content type with a charset parameter", async () => {
    expect((await put(newProfile(), doc, { "content-type": "application/json; charset=utf-8" })).status).toBe(
      201,
    );
  });

  it("answers endpoints missing from the live profile with 422 naming them", async () => {
    const body = buildDesiredState({
      endpoints: [buildDesiredEndpoint({ name: "web-eastus" }), buildDesiredEndpoint({ name: "ghost" })],
    });
    const res = await put(newProfile(), body);
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ status: 422, errors: [{ path: "$.endpoints[1].name" }] });
    expect((res.json() as { detail: string }).detail).toContain("ghost");
  });

  it("stores unknown endpoints when allowUnknownEndpoints=true", async () => {
    const body = buildDesiredState({ endpoints: [buildDesiredEndpoint({ name: "ghost" })] });
    expect((await put(newProfile(), body, {}, { allowUnknownEndpoints: "true" })).status).toBe(201);
  });

  it("answers a profile that does not exist live with 404, as an unwatched one", async () => {
    expect((await put(`${TEST_SUB}/rg1/nowhere`, doc)).status).toBe(404);
  });

  it("lists every schema violation at once with JSON paths", async () => {
    const res = await put(newProfile(), {
      routingMethod: "Weighted",
      endpoints: [{ name: "", enabled: "yes" }],
      ttl: -1,
    });
    expect(res.status).toBe(400);
    const paths = (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["$.routingMethod", "$.endpoints[0].name", "$.endpoints[0].enabled", "$.ttl"]),
    );
  });

  it("records updatedBy from App Service authentication headers", async () => {
    const key = newProfile();
    await put(key, doc, { "x-ms-client-principal-name": "alice@contoso.com" });
    const history = await rt.desired.history(key);
    expect(history[0]!.by).toBe("alice@contoso.com");
  });

  it("records updatedBy from a base64 x-ms-client-principal", async () => {
    const key = newProfile();
    const principal = Buffer.from(
      JSON.stringify({ name_typ: "name", claims: [{ typ: "name", val: "Bob" }] }),
    ).toString("base64");
    await put(key, doc, { "x-ms-client-principal": principal });
    expect((await rt.desired.get(key))!.updatedBy).toBe("Bob");
  });

  it("ignores principal headers when App Service authentication is off, so they cannot be forged", async () => {
    const plain = await buildTableRuntime(live);
    const key = newProfile();
    const res = await invokeDocumented(putDesiredFunction, plain, `profiles/${key}/desired`, {
      params: profileParams(key),
      headers: { ...json, "x-ms-client-principal-name": "mallory" },
      body: JSON.stringify(doc),
    });
    expect(res.status).toBe(201);
    expect((await plain.desired.get(key))!.updatedBy).toBe("function-key");
  });

  it("records function-key as the caller without authentication headers", async () => {
    const key = newProfile();
    await put(key, doc);
    expect((await rt.desired.get(key))!.updatedBy).toBe("function-key");
  });

  it("keeps one history row per accepted change, with before and after", async () => {
    const key = newProfile();
    const e1 = (await put(key, doc)).header("etag")!;
    const e2 = (await put(key, reordered, { "if-match": e1 })).header("etag")!;
    await put(key, doc, { "if-match": e1 }); // stale: no row
    await put(key, buildDesiredState({ ttl: 30 }), { "if-match": e2 });
    const history = await rt.desired.history(key);
    expect(history.map((h) => h.version)).toEqual([3, 2, 1]);
    expect(history[1]).toMatchObject({ before: doc, after: reordered });
  });
});
