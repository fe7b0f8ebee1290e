import { beforeAll, describe, expect, it } from "vitest";
import type { ApplyRecord } from "../../src/app/ports/desired-state-store.js";
import type { Runtime } from "../../src/composition-root.js";
import { deleteDesiredFunction } from "../../src/functions/delete-desired.js";
import { getDesiredFunction } from "../../src/functions/get-desired.js";
import { getDesiredHistoryFunction } from "../../src/functions/get-desired-history.js";
import { putDesiredFunction } from "../../src/functions/put-desired.js";
import { endpointsInOrder } from "../support/builders/audit-builders.js";
import { buildDesiredState } from "../support/builders/desired-builders.js";
import {
  aWatchedProfile,
  buildTableRuntime,
  invoke,
  profileParams,
  TEST_SUB,
} from "../support/builders/http-runtime.js";
import { dumpTable } from "../support/builders/table-store-builders.js";
import { expectDocumentedResponse } from "../support/openapi-validator.js";

/** Every response these tests get must be one the OpenAPI document promises. */
function documented<T extends Parameters<typeof expectDocumentedResponse>[2]>(route: string, method: string) {
  return (res: T): T => {
    expectDocumentedResponse(route, method, res);
    return res;
  };
}

let rt: Runtime;
let seq = 0;
function newProfile(): string {
  seq += 1;
  return `${TEST_SUB}/rg1/h${seq}`;
}
const live = Array.from({ length: 20 }, (_, i) =>
  aWatchedProfile({ name: `h${i + 1}`, endpoints: endpointsInOrder("web-eastus", "web-westus") }),
);

beforeAll(async () => {
  rt = await buildTableRuntime(live, {}, { DESIRED_HISTORY_VERSIONS: "5" });
});

const put = (key: string, ttl: number, headers: Record<string, string> = {}) =>
  invoke(putDesiredFunction, rt, `profiles/${key}/desired`, {
    params: profileParams(key),
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(buildDesiredState({ ttl })),
  }).then(documented(putDesiredFunction.route, "PUT"));
const history = (key: string, query: Record<string, string> = {}) =>
  invoke(getDesiredHistoryFunction, rt, `profiles/${key}/desired/history`, {
    params: profileParams(key),
    query,
  }).then(documented(getDesiredHistoryFunction.route, "GET"));
const del = (key: string, headers: Record<string, string> = {}) =>
  invoke(deleteDesiredFunction, rt, `profiles/${key}/desired`, { params: profileParams(key), headers }).then(
    documented(deleteDesiredFunction.route, "DELETE"),
  );

interface Page {
  profile: string;
  versions: {
    version: number;
    change: string;
    current: boolean;
    etag?: string;
    document: unknown;
    applies: unknown[];
  }[];
  continuation?: string;
}

/** Writes versions 1..n and returns the ETag of the last. */
async function writeVersions(key: string, n: number): Promise<string> {
  let etag = (await put(key, 10)).header("etag")!;
  for (let i = 2; i <= n; i++) etag = (await put(key, i * 10, { "if-match": etag })).header("etag")!;
  return etag;
}

describe("GET /api/profiles/{sub}/{rg}/{name}/desired/history", () => {
  it("lists versions newest first; only the current one carries the ETag GET gives", async () => {
    const key = newProfile();
    const etag = await writeVersions(key, 3);
    const res = await history(key);
    expect(res.status).toBe(200);
    const page = res.json() as Page;
    expect(page.versions.map((v) => [v.version, v.change, v.current])).toEqual([
      [3, "put", true],
      [2, "put", false],
      [1, "put", false],
    ]);
    expect(page.versions[0]!.etag).toBe(etag);
    expect(page.versions[1]!.etag).toBeUndefined();
    expect(page.versions[2]!.document).toEqual(buildDesiredState({ ttl: 10 }));
    expect(page.continuation).toBeUndefined();
  });

  it("pages with top and continuation and keeps only DESIRED_HISTORY_VERSIONS versions", async () => {
    const key = newProfile();
    await writeVersions(key, 7);
    const first = (await history(key, { top: "2" })).json() as Page;
    expect(first.versions.map((v) => v.version)).toEqual([7, 6]);
    const second = (await history(key, { top: "2", continuation: first.continuation! })).json() as Page;
    expect(second.versions.map((v) => v.version)).toEqual([5, 4]);
    const third = (await history(key, { top: "2", continuation: second.continuation! })).json() as Page;
    expect(third.versions.map((v) => v.version)).toEqual([3]);
    expect(third.continuation).toBeUndefined();
  });

  it("links each applied plan to the version it was planned against", async () => {
    const key = newProfile();
    await writeVersions(key, 2);
    const plan = {} as ApplyRecord["plan"];
    const at = "2026-01-01T00:00:00.000Z";
    await rt.desired.recordApply(key, {
      profile: key,
      at,
      appliedBy: "ops",
      desiredVersion: 1,
      plan,
      results: [],
    });
    const page = (await history(key)).json() as Page;
    expect(page.versions.map((v) => v.applies)).toEqual([[], [{ at, appliedBy: "ops", results: [] }]]);
  });

  it("answers an empty list for a watched profile with nothing stored", async () => {
    const res = await history(newProfile());
    expect(res.status).toBe(200);
    expect((res.json() as Page).versions).toEqual([]);
  });

  it.each([["0"], ["101"], ["x"], ["1.5"]])("rejects top=%s with 400 naming query.top", async (top) => {
    const res = await history(newProfile(), { top });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json())).toContain("query.top");
  });

  it("rejects a forged continuation with 400 naming query.continuation", async () => {
    const res = await history(newProfile(), { continuation: "bm9wZQ" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json())).toContain("query.continuation");
  });

  it("answers 404 for an unwatched profile", async () => {
    const res = await history(`${TEST_SUB}/rg1/not-watched`);
    expect(res.status).toBe(404);
  });
});

describe("DELETE /api/profiles/{sub}/{rg}/{name}/desired", () => {
  it("needs If-Match: 428 without, 412 stale, 204 done; the history records the delete", async () => {
    const key = newProfile();
    const old = (await put(key, 10)).header("etag")!;
    const etag = (await put(key, 20, { "if-match": old })).header("etag")!;
    const before = await dumpTable(rt.config.store.tables.desired);
    expect((await del(key)).status).toBe(428);
    expect((await del(key, { "if-match": old })).status).toBe(412);
    expect((await del(key, { "if-match": "abc" })).status).toBe(400);
    expect(await dumpTable(rt.config.store.tables.desired)).toBe(before);
    const done = await del(key, { "if-match": etag });
    expect(done.status).toBe(204);
    expect(done.body).toBeUndefined();
    const got = await invoke(getDesiredFunction, rt, `profiles/${key}/desired`, {
      params: profileParams(key),
    });
    expect(got.status).toBe(404);
    const page = (await history(key)).json() as Page;
    expect(page.versions.map((v) => [v.version, v.change, v.current, v.document])).toEqual([
      [3, "delete", false, null],
      [2, "put", false, buildDesiredState({ ttl: 20 })],
      [1, "put", false, buildDesiredState({ ttl: 10 })],
    ]);
    expect((await del(key, { "if-match": etag })).status).toBe(404);
    expect((await put(key, 30, { "if-none-match": "*" })).header("x-desired-version")).toBe("4");
  });
});
