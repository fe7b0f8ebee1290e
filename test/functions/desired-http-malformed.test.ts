import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { putDesiredFunction } from "../../src/functions/put-desired.js";
import { endpointsInOrder } from "../support/builders/audit-builders.js";
import { buildDesiredState } from "../support/builders/desired-builders.js";
import {
  buildTableRuntime,
  invoke,
  profileParams,
  TEST_SUB,
  aWatchedProfile,
} from "../support/builders/http-runtime.js";
import { dumpTable } from "../support/builders/table-store-builders.js";

const KEY = `${TEST_SUB}/rg1/fuzz`;
let rt: Runtime;
let etag: string;

beforeAll(async () => {
  rt = await buildTableRuntime([
    aWatchedProfile({ name: "fuzz", endpoints: endpointsInOrder("web-eastus", "web-westus") }),
  ]);
  const res = await put(JSON.stringify(buildDesiredState()), "application/json", {});
  etag = res.header("etag")!;
});

function put(body: string, contentType: string, headers: Record<string, string>) {
  return invoke(putDesiredFunction, rt, `profiles/${KEY}/desired`, {
    params: profileParams(KEY),
    headers: { "content-type": contentType, ...headers },
    body,
  });
}

const valid = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(buildDesiredState({ ttl: 60 }))) as Record<string, unknown>;
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const notABoolean = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant([]));

/** Each arbitrary yields a JSON text that must be refused. */
const wrongTypes = fc.oneof(
  fc
    .oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 2 })))
    .map((v) => JSON.stringify(v)),
  notAString.map((v) => JSON.stringify({ ...valid(), routingMethod: v })),
  notAString.map((v) => JSON.stringify({ ...valid(), endpoints: [{ name: v, enabled: true }] })),
  notABoolean.map((v) => JSON.stringify({ ...valid(), endpoints: [{ name: "web-eastus", enabled: v }] })),
  fc
    .oneof(fc.string(), fc.boolean(), fc.constant({}))
    .map((v) => JSON.stringify({ ...valid(), endpoints: v })),
  fc
    .oneof(
      fc.string(),
      fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)),
    )
    .map((v) => JSON.stringify({ ...valid(), ttl: v })),
);
const missingFields = fc
  .constantFrom<[string, (d: Record<string, unknown>) => void]>(
    ["routingMethod", (d) => delete d["routingMethod"]],
    ["endpoints", (d) => delete d["endpoints"]],
    ["endpoint name", (d) => delete (d["endpoints"] as Record<string, unknown>[])[0]!["name"]],
    ["endpoint enabled", (d) => delete (d["endpoints"] as Record<string, unknown>[])[1]!["enabled"]],
    ["all endpoints", (d) => (d["endpoints"] = [])],
  )
  .map(([, drop]) => {
    const d = valid();
    drop(d);
    return JSON.stringify(d);
  });
const duplicates = fc
  .tuple(fc.constantFrom("web-eastus", "WEB-EASTUS", "Web-EastUS"), fc.boolean())
  .map(([dup, enabled]) =>
    JSON.stringify({
      ...valid(),
      endpoints: [
        { name: "web-eastus", enabled: true },
        { name: dup, enabled },
      ],
    }),
  );
const outOfRange = fc.oneof(
  fc.integer({ max: -1 }).map((ttl) => JSON.stringify({ ...valid(), ttl })),
  fc
    .oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }))
    .map((port) => JSON.stringify({ ...valid(), monitor: { port } })),
  fc
    .integer({ min: 0, max: 120 })
    .filter((s) => s !== 10 && s !== 30)
    .map((intervalInSeconds) => JSON.stringify({ ...valid(), monitor: { intervalInSeconds } })),
  fc
    .integer({ min: 10, max: 100 })
    .map((n) => JSON.stringify({ ...valid(), monitor: { toleratedNumberOfFailures: n } })),
  fc.integer({ min: 201, max: 400 }).map((n) =>
    JSON.stringify({
      ...valid(),
      endpoints: Array.from({ length: n }, (_, i) => ({ name: `e${i}`, enabled: true })),
    }),
  ),
  fc.string({ minLength: 1 }).map((k) => JSON.stringify({ ...valid(), [`x${k}`]: 1 })),
);
const hugeStrings = fc.oneof(
  fc
    .integer({ min: 261, max: 20_000 })
    .map((n) => JSON.stringify({ ...valid(), endpoints: [{ name: "n".repeat(n), enabled: true }] })),
  fc
    .integer({ min: 65_537, max: 200_000 })
    .map((n) => JSON.stringify({ ...valid(), routingMethod: "P".repeat(n) })),
);
/** Built as text: JSON.stringify itself would overflow the stack on these. */
const deepNesting = fc.oneof(
  fc.integer({ min: 50, max: 30_000 }).map((d) => {
    const head = JSON.stringify(valid()).slice(0, -1);
    return `${head},"monitor":{"customHeaders":${"[".repeat(d)}${"]".repeat(d)}}}`;
  }),
  fc.integer({ min: 50, max: 10_000 }).map((d) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`),
);
const invalidJson = fc
  .oneof(
    fc.string(),
    fc.integer({ min: 1, max: 40 }).map((n) => JSON.stringify(valid()).slice(0, n)),
    fc.constantFrom(
      "{",
      "{'routingMethod':'Priority'}",
      '{"a":1,}',
      "NaN",
      "undefined",
      "",
      "[1,2",
      "\u0000",
    ),
  )
  .filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  });

const malformed = fc.oneof(
  fc.record({
    body: fc.oneof(wrongTypes, missingFields, duplicates, outOfRange, hugeStrings, deepNesting, invalidJson),
    contentType: fc.constant("application/json"),
  }),
  fc.record({
    body: fc.constant(JSON.stringify(buildDesiredState())),
    contentType: fc.constantFrom("text/plain", "application/xml", "", "multipart/form-data"),
  }),
);

describe("PUT desired with malformed bodies", () => {
  it("answers each of 250 generated malformed bodies with 400/413/415 problem+json and leaves the table byte-for-byte unchanged", async () => {
    const before = await dumpTable(rt.config.store.tables.desired);
    await fc.assert(
      fc.asyncProperty(malformed, fc.boolean(), async ({ body, contentType }, withEtag) => {
        const res = await put(body, contentType, withEtag ? { "if-match": etag } : {});
        expect([400, 413, 415]).toContain(res.status);
        expect(res.header("content-type")).toBe("application/problem+json");
        const problem = res.json() as { type: string; title: string; status: number; detail: string };
        expect(problem.status).toBe(res.status);
        expect([typeof problem.type, typeof problem.title, typeof problem.detail]).toEqual([
          "string",
          "string",
          "string",
        ]);
        expect(await dumpTable(rt.config.store.tables.desired)).toBe(before);
      }),
      { numRuns: 250 },
    );
  });
});
