import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/app/errors.js";
import type { DesiredStateStore } from "../../../src/app/ports/desired-state-store.js";
import { MemoryDesiredStateStore } from "../../../src/adapters/memory/memory-desired-state-store.js";
import { TableDesiredStateStore } from "../../../src/adapters/store/table-desired-state-store.js";
import { buildDesiredState, fixedClock } from "../../support/builders/desired-builders.js";
import { azuriteTables, dumpTable, uniqueTableName } from "../../support/builders/table-store-builders.js";

async function code(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e.code;
}

const table = uniqueTableName("desireddelete");
const stores: [string, (keep: number) => DesiredStateStore][] = [
  ["table", (keep) => new TableDesiredStateStore(azuriteTables(), table, fixedClock(), keep)],
  ["memory", (keep) => new MemoryDesiredStateStore(fixedClock(), keep)],
];

describe.each(stores)("%s desired-state store: delete and history retention", (kind, make) => {
  it("deletes with the current ETag, keeps the history and records the delete", async () => {
    const store = make(100);
    const key = `s/r/${kind}-delete`;
    const first = await store.create(key, buildDesiredState(), "a");
    await store.delete(key, first.etag, "bob");
    expect(await store.get(key)).toBeUndefined();
    expect((await store.list()).map((s) => s.profile)).not.toContain(key);
    const history = await store.history(key);
    expect(history.map((h) => [h.version, h.by, h.deleted ?? false])).toEqual([
      [2, "bob", true],
      [1, "a", false],
    ]);
    expect(history[0]).toMatchObject({ before: buildDesiredState() });
    expect(history[0]!.after).toBeUndefined();
  });

  it("continues the version numbers when a document is created again after a delete", async () => {
    const store = make(100);
    const key = `s/r/${kind}-again`;
    const first = await store.create(key, buildDesiredState(), "a");
    await store.delete(key, "*", "b");
    const again = await store.create(key, buildDesiredState({ ttl: 30 }), "c");
    expect(again.version).toBe(3);
    expect(await code(store.create(key, buildDesiredState(), "d"))).toBe("PRECONDITION_FAILED");
    expect((await store.history(key)).map((h) => h.version)).toEqual([3, 2, 1]);
    expect(first.version).toBe(1);
  });

  it("refuses a stale ETag (PRECONDITION_FAILED) and a missing document (NOT_FOUND), changing nothing", async () => {
    const store = make(100);
    const key = `s/r/${kind}-stale`;
    const first = await store.create(key, buildDesiredState(), "a");
    await store.replace(key, buildDesiredState({ ttl: 30 }), first.etag, "b");
    const before = kind === "table" ? await dumpTable(table) : "";
    expect(await code(store.delete(key, first.etag, "c"))).toBe("PRECONDITION_FAILED");
    expect(await code(store.delete(`s/r/${kind}-never`, "*", "c"))).toBe("NOT_FOUND");
    if (kind === "table") expect(await dumpTable(table)).toBe(before);
    expect((await store.get(key))?.version).toBe(2);
  });

  it("keeps only the newest DESIRED_HISTORY_VERSIONS versions, pruning on write", async () => {
    const store = make(3);
    const key = `s/r/${kind}-prune`;
    let stored = await store.create(key, buildDesiredState(), "w1");
    for (let i = 2; i <= 6; i++)
      stored = await store.replace(key, buildDesiredState({ ttl: i * 10 }), stored.etag, `w${i}`);
    expect((await store.history(key)).map((h) => h.version)).toEqual([6, 5, 4]);
    await store.delete(key, stored.etag, "w7");
    expect((await store.history(key)).map((h) => h.version)).toEqual([7, 6, 5]);
  });
});
