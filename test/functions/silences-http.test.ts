import { beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { expireSilenceFunction } from "../../src/functions/expire-silence.js";
import { getSilenceFunction } from "../../src/functions/get-silence.js";
import { listSilencesFunction } from "../../src/functions/list-silences.js";
import { postSilenceFunction } from "../../src/functions/post-silence.js";
import { aProfile } from "../support/builders/audit-builders.js";
import { buildTableRuntime } from "../support/builders/http-runtime.js";
import { invokeDocumented } from "../support/documented-invoke.js";

let rt: Runtime;
const NOW = Date.parse("2026-01-02T03:04:05.000Z");
const inHours = (h: number) => new Date(NOW + h * 3_600_000).toISOString();
const json = { "content-type": "application/json" };

beforeAll(async () => {
  rt = await buildTableRuntime([aProfile({ name: "web" })], {}, { WEBSITE_AUTH_ENABLED: "True" });
});

function aBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    matchers: { profile: "sub1/rg1/web" },
    endsAt: inHours(2),
    comment: "failover drill",
    ...overrides,
  };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  invokeDocumented(postSilenceFunction, rt, "silences", {
    headers: { ...json, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (id: string) => invokeDocumented(getSilenceFunction, rt, `silences/${id}`, { params: { id } });
const del = (id: string, headers: Record<string, string> = {}) =>
  invokeDocumented(expireSilenceFunction, rt, `silences/${id}`, { params: { id }, headers });
const list = (query: Record<string, string> = {}) =>
  invokeDocumented(listSilencesFunction, rt, "silences", { query });

async function created(body = aBody()): Promise<{ id: string; etag: string }> {
  const res = await post(body);
  expect(res.status).toBe(201);
  return { id: (res.json() as { id: string }).id, etag: res.header("etag")! };
}

describe("POST /api/silences", () => {
  it("creates a silence: 201, Location, ETag, createdBy from Easy Auth", async () => {
    const res = await post(aBody(), { "x-ms-client-principal-name": "alice@contoso.com" });
    expect(res.status).toBe(201);
    const body = res.json() as { id: string };
    expect(res.header("location")).toBe(`/api/silences/${body.id}`);
    expect(res.header("etag")).toMatch(/^"/);
    expect(body).toMatchObject({
      matchers: { profile: "sub1/rg1/web" },
      startsAt: "2026-01-02T03:04:05.000Z",
      endsAt: inHours(2),
      createdBy: "alice@contoso.com",
      comment: "failover drill",
      state: "active",
    });
    expect((await get(body.id)).json()).toMatchObject({ id: body.id, state: "active" });
  });

  it.each([
    ["an empty comment", aBody({ comment: " " }), "$.comment"],
    ["endsAt in the past", aBody({ endsAt: inHours(-1) }), "$.endsAt"],
    ["over 30 days", aBody({ endsAt: inHours(24 * 31) }), "$.endsAt"],
    ["an unknown code", aBody({ matchers: { profile: "*", codes: ["NOPE"] } }), "$.matchers.codes[0]"],
    ["a missing endsAt", aBody({ endsAt: undefined }), "$.endsAt"],
    ["malformed JSON", "{", "$"],
    ["a profile key that is not one", aBody({ matchers: { profile: "nope" } }), "$.matchers.profile"],
  ])("rejects %s with 400 naming the field, storing nothing", async (_what, body, path) => {
    const before = ((await list()).json() as { silences: unknown[] }).silences.length;
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.header("content-type")).toBe("application/problem+json");
    expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    expect(((await list()).json() as { silences: unknown[] }).silences).toHaveLength(before);
  });

  it("rejects a profile that is not watched with 404 naming the field", async () => {
    const res = await post(aBody({ matchers: { profile: "sub1/rg1/unwatched" } }));
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ errors: [{ path: "$.matchers.profile" }] });
  });

  it("changes an existing silence when the body names its id", async () => {
    const { id } = await created();
    const res = await post(aBody({ id, comment: "longer drill", endsAt: inHours(3) }));
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ id, comment: "longer drill", endsAt: inHours(3) });
  });
});

describe("GET and DELETE /api/silences", () => {
  it("expires a silence now and keeps it in the expired list", async () => {
    const { id } = await created();
    const res = await del(id);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ id, state: "expired", endsAt: "2026-01-02T03:04:05.000Z" });
    const current = list().then((r) => r.json()) as Promise<{ silences: { id: string }[] }>;
    expect((await current).silences.map((s) => s.id)).not.toContain(id);
    const expired = (await list({ state: "expired" })).json() as { silences: { id: string }[] };
    expect(expired.silences.map((s) => s.id)).toContain(id);
  });

  it("answers 404 for an unknown id and 400 for an unknown state", async () => {
    expect((await get("nope")).status).toBe(404);
    expect((await del("nope")).status).toBe(404);
    expect((await list({ state: "sometimes" })).status).toBe(400);
  });

  it("refuses to change an expired silence with 409", async () => {
    const { id } = await created();
    expect((await del(id)).status).toBe(200);
    const res = await post(aBody({ id, comment: "too late" }));
    expect([res.status, res.header("content-type")]).toEqual([409, "application/problem+json"]);
  });

  it("refuses a DELETE with a stale If-Match (412)", async () => {
    const { id, etag } = await created();
    expect((await post(aBody({ id, comment: "changed" }))).status).toBe(200);
    expect((await del(id, { "if-match": etag })).status).toBe(412);
    expect((await get(id)).json()).toMatchObject({ state: "active" });
  });
});

describe("concurrent POST and DELETE on one silence", () => {
  it("never lose an update: every success is visible in the final state", async () => {
    for (let round = 0; round < 8; round += 1) {
      const { id } = await created();
      const comment = `changed in round ${String(round)}`;
      const [update, expiry, update2] = await Promise.all([
        post(aBody({ id, comment })),
        del(id),
        post(aBody({ id, comment, endsAt: inHours(4) })),
      ]);
      expect(expiry.status).toBe(200);
      for (const u of [update, update2]) expect([200, 409]).toContain(u.status);
      const final = (await get(id)).json() as { state: string; comment: string };
      // The expiry always lands, whatever order the storage saw.
      expect(final.state).toBe("expired");
      // An update that succeeded is not overwritten by a stale read.
      if (update.status === 200 || update2.status === 200) expect(final.comment).toBe(comment);
    }
  });

  it("lets exactly one of two changes pinned to the same ETag win", async () => {
    const { id, etag } = await created();
    const results = await Promise.all([
      post(aBody({ id, comment: "a" }), { "if-match": etag }),
      post(aBody({ id, comment: "b" }), { "if-match": etag }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!.json() as { comment: string };
    expect((await get(id)).json()).toMatchObject({ comment: winner.comment });
  });
});
