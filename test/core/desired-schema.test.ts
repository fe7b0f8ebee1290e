import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { desiredStateSchema, validateDesiredState } from "../../src/core/desired-schema.js";

const valid = {
  routingMethod: "Priority",
  endpoints: [
    { name: "web-eastus", enabled: true },
    { name: "web-westus", enabled: true },
  ],
  monitor: {
    protocol: "HTTPS",
    port: 443,
    path: "/health",
    intervalInSeconds: 30,
    timeoutInSeconds: 10,
    toleratedNumberOfFailures: 3,
    expectedStatusCodeRanges: [{ min: 200, max: 299 }],
    customHeaders: [{ name: "Host", value: "www.contoso.com" }],
  },
  ttl: 60,
  vanityDomains: ["www.contoso.com"],
};

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = validateDesiredState(input);
  return result.ok ? [] : result.issues;
}
const pathsOf = (input: unknown) => issuesOf(input).map((i) => i.path);
const withMonitor = (monitor: Record<string, unknown>) => ({ ...valid, monitor });

describe("validateDesiredState", () => {
  it("accepts the design example", () => {
    expect(validateDesiredState(valid)).toEqual({ ok: true, value: valid });
  });

  it("rejects a routing method other than Priority", () => {
    expect(pathsOf({ ...valid, routingMethod: "Weighted" })).toEqual(["$.routingMethod"]);
  });

  it("rejects duplicate endpoint names case-insensitively, naming the duplicate", () => {
    const doc = {
      ...valid,
      endpoints: [
        { name: "A", enabled: true },
        { name: "a", enabled: false },
      ],
    };
    expect(pathsOf(doc)).toEqual(["$.endpoints[1].name"]);
  });

  it("rejects an empty endpoint list", () => {
    expect(pathsOf({ ...valid, endpoints: [] })).toEqual(["$.endpoints"]);
  });

  it("rejects more than 200 endpoints", () => {
    const endpoints = Array.from({ length: 201 }, (_, i) => ({ name: `e${i}`, enabled: true }));
    expect(pathsOf({ ...valid, endpoints })).toEqual(["$.endpoints"]);
  });

  it("rejects an interval other than 10 or 30, saying which values are allowed", () => {
    expect(issuesOf(withMonitor({ intervalInSeconds: 20 }))).toEqual([
      { path: "$.monitor.intervalInSeconds", message: "must be 10 or 30" },
    ]);
  });

  it("rejects a timeout of 10 at interval 10", () => {
    expect(pathsOf(withMonitor({ intervalInSeconds: 10, timeoutInSeconds: 10 }))).toEqual([
      "$.monitor.timeoutInSeconds",
    ]);
  });

  it("accepts a timeout of 10 at interval 30", () => {
    expect(pathsOf(withMonitor({ intervalInSeconds: 30, timeoutInSeconds: 10 }))).toEqual([]);
  });

  it("rejects a timeout below 5", () => {
    expect(pathsOf(withMonitor({ timeoutInSeconds: 4 }))).toEqual(["$.monitor.timeoutInSeconds"]);
  });

  it("rejects tolerated failures above 9", () => {
    expect(pathsOf(withMonitor({ toleratedNumberOfFailures: 10 }))).toEqual([
      "$.monitor.toleratedNumberOfFailures",
    ]);
  });

  it("rejects more than 8 status code ranges", () => {
    const ranges = Array.from({ length: 9 }, () => ({ min: 200, max: 200 }));
    expect(pathsOf(withMonitor({ expectedStatusCodeRanges: ranges }))).toEqual([
      "$.monitor.expectedStatusCodeRanges",
    ]);
  });

  it("rejects a status code outside 100-599", () => {
    expect(pathsOf(withMonitor({ expectedStatusCodeRanges: [{ min: 99, max: 600 }] }))).toEqual([
      "$.monitor.expectedStatusCodeRanges[0].min",
      "$.monitor.expectedStatusCodeRanges[0].max",
    ]);
  });

  it("rejects a range whose min exceeds its max", () => {
    expect(pathsOf(withMonitor({ expectedStatusCodeRanges: [{ min: 300, max: 200 }] }))).toEqual([
      "$.monitor.expectedStatusCodeRanges[0].min",
    ]);
  });

  it("rejects more than 8 custom headers", () => {
    const headers = Array.from({ length: 9 }, (_, i) => ({ name: `X-${i}`, value: "v" }));
    expect(pathsOf(withMonitor({ customHeaders: headers }))).toEqual(["$.monitor.customHeaders"]);
  });

  it("rejects a path that does not start with a slash", () => {
    expect(pathsOf(withMonitor({ path: "health" }))).toEqual(["$.monitor.path"]);
  });

  it("rejects a path with TCP monitoring", () => {
    expect(pathsOf(withMonitor({ protocol: "TCP", port: 443, path: "/" }))).toEqual(["$.monitor.path"]);
  });

  it("rejects port 0 and port 65536", () => {
    expect(pathsOf(withMonitor({ port: 0 }))).toEqual(["$.monitor.port"]);
    expect(pathsOf(withMonitor({ port: 65536 }))).toEqual(["$.monitor.port"]);
  });

  it("rejects a negative TTL and one above 2147483647", () => {
    expect(pathsOf({ ...valid, ttl: -1 })).toEqual(["$.ttl"]);
    expect(pathsOf({ ...valid, ttl: 2147483648 })).toEqual(["$.ttl"]);
  });

  it("rejects a vanity domain that is not a host name", () => {
    expect(pathsOf({ ...valid, vanityDomains: ["www.contoso.com", "not a host", "-bad.com"] })).toEqual([
      "$.vanityDomains[1]",
      "$.vanityDomains[2]",
    ]);
  });

  it("rejects unknown keys, naming each", () => {
    expect(pathsOf({ ...valid, colour: "blue", monitor: { ...valid.monitor, intervall: 30 } })).toEqual(
      expect.arrayContaining(["$.colour", "$.monitor.intervall"]),
    );
  });

  it("reports every issue at once, including cross-field ones", () => {
    const doc = {
      routingMethod: "Priority",
      endpoints: [
        { name: "a", enabled: "yes" },
        { name: "A", enabled: true },
      ],
      monitor: { protocol: "TCP", path: "/x", intervalInSeconds: 10, timeoutInSeconds: 10, port: "443" },
      ttl: 1.5,
    };
    expect(pathsOf(doc).sort()).toEqual(
      [
        "$.endpoints[0].enabled",
        "$.endpoints[1].name",
        "$.monitor.path",
        "$.monitor.port",
        "$.monitor.timeoutInSeconds",
        "$.ttl",
      ].sort(),
    );
  });

  it("still reports cross-field monitor issues when a header list is too long", () => {
    const headers = Array.from({ length: 9 }, (_, i) => ({ name: `X-${i}`, value: "v" }));
    const monitor = { intervalInSeconds: 10, timeoutInSeconds: 10, customHeaders: headers };
    expect(pathsOf(withMonitor(monitor)).sort()).toEqual(
      ["$.monitor.customHeaders", "$.monitor.timeoutInSeconds"].sort(),
    );
  });

  it("still reports a TCP path and an inverted range when the range list is too long", () => {
    const ranges = [{ min: 300, max: 200 }, ...Array.from({ length: 8 }, () => ({ min: 200, max: 200 }))];
    const monitor = { protocol: "TCP", port: 443, path: "/", expectedStatusCodeRanges: ranges };
    expect(issuesOf(withMonitor(monitor))).toEqual(
      expect.arrayContaining([
        { path: "$.monitor.path", message: "must be absent when protocol is TCP" },
        { path: "$.monitor.expectedStatusCodeRanges[0].min", message: "must not exceed max" },
      ]),
    );
  });

  it("still reports duplicate endpoint names when there are more than 200 endpoints", () => {
    const endpoints = Array.from({ length: 201 }, (_, i) => ({
      name: i === 200 ? "E0" : `e${i}`,
      enabled: true,
    }));
    expect(pathsOf({ ...valid, endpoints })).toEqual(["$.endpoints", "$.endpoints[200].name"]);
  });

  it("reports a cross-field issue once when zod already reported it", () => {
    const paths = pathsOf(withMonitor({ intervalInSeconds: 10, timeoutInSeconds: 10 }));
    expect(paths).toEqual(["$.monitor.timeoutInSeconds"]);
  });

  it("reports a non-object body at the root", () => {
    expect(pathsOf("hello")).toEqual(["$"]);
  });

  it("does not throw on deeply nested input", () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { endpoints: [deep] };
    expect(validateDesiredState(deep).ok).toBe(false);
  });

  it("does not throw on a huge string", () => {
    const doc = { ...valid, endpoints: [{ name: "x".repeat(5_000_000), enabled: true }] };
    expect(pathsOf(doc)).toEqual(["$.endpoints[0].name"]);
  });

  it("produces a JSON Schema for OpenAPI", () => {
    expect(z.toJSONSchema(desiredStateSchema, { unrepresentable: "any" })).toMatchObject({
      type: "object",
      additionalProperties: false,
    });
  });
});

describe("desired schema properties", () => {
  const range = fc
    .integer({ min: 100, max: 599 })
    .chain((min) => fc.record({ min: fc.constant(min), max: fc.integer({ min, max: 599 }) }));
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const httpMonitor = fc.record(
    {
      protocol: fc.constantFrom("HTTP", "HTTPS"),
      port: fc.integer({ min: 1, max: 65535 }),
      path: fc.stringMatching(/^\/[a-z0-9/._-]{0,20}$/),
      intervalInSeconds: fc.constant(30),
      timeoutInSeconds: fc.integer({ min: 5, max: 10 }),
      toleratedNumberOfFailures: fc.integer({ min: 0, max: 9 }),
      expectedStatusCodeRanges: fc.array(range, { maxLength: 8 }),
      customHeaders: fc.array(
        fc.record({ name: fc.stringMatching(/^X-[A-Za-z]{1,8}$/), value: fc.string({ maxLength: 20 }) }),
        { maxLength: 8 },
      ),
    },
    { requiredKeys: [] },
  );
  const validDoc = fc.record(
    {
      routingMethod: fc.constant("Priority" as const),
      endpoints: fc.uniqueArray(
        fc.record({ name: fc.string({ minLength: 1, maxLength: 30 }), enabled: fc.boolean() }),
        {
          minLength: 1,
          maxLength: 20,
          selector: (e) => e.name.toLowerCase(),
        },
      ),
      monitor: httpMonitor,
      ttl: fc.integer({ min: 0, max: 2147483647 }),
      vanityDomains: fc.array(
        fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ["routingMethod", "endpoints"] },
  );

  it("round-trips every valid generated document unchanged", () => {
    fc.assert(
      fc.property(validDoc, (doc) => {
        expect(validateDesiredState(doc)).toEqual({ ok: true, value: doc });
      }),
    );
  });

  it("never throws on random JSON bodies and always names paths starting with $", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (body) => {
        const result = validateDesiredState(body);
        if (!result.ok) for (const issue of result.issues) expect(issue.path.startsWith("$")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on valid documents with one field replaced by random data", () => {
    fc.assert(
      fc.property(
        validDoc,
        fc.constantFrom("routingMethod", "endpoints", "monitor", "ttl", "vanityDomains"),
        fc.anything(),
        (doc, key, junk) => {
          expect(() => validateDesiredState({ ...doc, [key]: junk })).not.toThrow();
        },
      ),
    );
  });
});
