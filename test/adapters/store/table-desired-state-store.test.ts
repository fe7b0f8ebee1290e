import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/app/errors.js";
import { TableDesiredStateStore } from "../../../src/adapters/store/table-desired-state-store.js";
import {
  buildDesiredEndpoint,
  buildDesiredState,
  fixedClock,
} from "../../support/builders/desired-builders.js";
import { azuriteTables, dumpTable, uniqueTableName } from "../../support/builders/table-store-builders.js";

const table = uniqueTableName("desiredstore");
const store = new TableDesiredStateStore(azuriteTables(), table, fixedClock());
const reordered = buildDesiredState({
  endpoints: [buildDesiredEndpoint({ name: "web-westus" }), buildDesiredEndpoint({ name: "web-eastus" })],
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe("TableDesiredStateStore", () => {
  it("creates a document and reads it back with version 1 and an ETag", async () => {
    const created = await store.create("Sub/RG/Create", buildDesiredState(), "alice");
    const got = await store.get("sub/rg/create");
    expect(got).toEqual(created);
    expect(got).toMatchObject({ profile: "sub/rg/create", version: 1, updatedBy: "alice" });
  });

  it("refuses a second create with PRECONDITION_FAILED", async () => {
    await store.create("s/r/twice", buildDesiredState(), "a");
    expect((await rejection(store.create("s/r/twice", reordered, "b"))).code).toBe("PRECONDITION_FAILED");
    expect((await store.get("s/r/twice"))?.document).toEqual(buildDesiredState());
  });

  it("replaces with the current ETag and bumps the version", async () => {
    const first = await store.create("s/r/replace", buildDesiredState(), "a");
    const second = await store.replace("s/r/replace", reordered, first.etag, "b");
    expect(second).toMatchObject({ version: 2, updatedBy: "b", document: reordered });
    expect(second.etag).not.toBe(first.etag);
  });

  it("rejects a stale ETag and leaves the table unchanged", async () => {
    const first = await store.create("s/r/stale", buildDesiredState(), "a");
    await store.replace("s/r/stale", reordered, first.etag, "b");
    const before = await dumpTable(table);
    expect((await rejection(store.replace("s/r/stale", buildDesiredState(), first.etag, "c"))).code).toBe(
      "PRECONDITION_FAILED",
    );
    expect(await dumpTable(table)).toBe(before);
  });

  it("lets exactly one of many concurrent replaces with the same ETag win", async () => {
    const first = await store.create("s/r/race", buildDesiredState(), "a");
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.replace("s/r/race", buildDesiredState({ ttl: i + 1 }), first.etag, `w${i}`),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect((await store.get("s/r/race"))?.document).toEqual(won[0]!.value.document);
    expect(await store.history("s/r/race")).toHaveLength(2);
  });

  it("records one history row per change with before and after, newest first", async () => {
    const first = await store.create("s/r/history", buildDesiredState(), "a");
    await store.replace("s/r/history", reordered, first.etag, "b");
    const history = await store.history("s/r/history");
    expect(history.map((h) => [h.version, h.by])).toEqual([
      [2, "b"],
      [1, "a"],
    ]);
    expect(history[0]).toMatchObject({ before: buildDesiredState(), after: reordered });
    expect(history[1]!.before).toBeUndefined();
  });

  it("stores keys with characters that table keys forbid", async () => {
    const key = "sub/rg#?\\/ünï%!'name";
    await store.create(key, buildDesiredState(), "a");
    expect((await store.get(key))?.profile).toBe(key.toLowerCase());
  });

  it("stores a profile whose 90-character Unicode resource group escapes past the 1 KiB key limit", async () => {
    const key = `00000000-0000-0000-0000-000000000000/${"资源组".repeat(30)}/p-long`;
    await store.create(key, buildDesiredState(), "a");
    expect((await store.get(key))?.profile).toBe(key);
    expect((await store.history(key)).map((h) => h.version)).toEqual([1]);
  });

  it("keeps two long keys that differ only at the end apart", async () => {
    const stem = `s/${"ü".repeat(200)}/`;
    await store.create(`${stem}one`, buildDesiredState(), "a");
    await store.create(`${stem}two`, reordered, "b");
    expect((await store.get(`${stem}one`))?.document).toEqual(buildDesiredState());
    expect((await store.get(`${stem}two`))?.document).toEqual(reordered);
  });

  it("stores documents larger than one 64 KiB property", async () => {
    const big = buildDesiredState({
      vanityDomains: Array.from({ length: 3000 }, (_, i) => `host-${i}.example.com`),
    });
    await store.create("s/r/big", big, "a");
    expect((await store.get("s/r/big"))?.document).toEqual(big);
  });

  it("lists every stored document", async () => {
    const keys = (await store.list()).map((s) => s.profile);
    expect(keys).toEqual(expect.arrayContaining(["sub/rg/create", "s/r/race"]));
  });
});
