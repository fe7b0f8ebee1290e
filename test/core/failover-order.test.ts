import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareFailoverOrder, orderEndpoints } from "../../src/core/failover-order.js";

const live = (entries: [string, number | undefined][]) =>
  entries.map(([name, priority]) => (priority === undefined ? { name } : { name, priority }));

describe("compareFailoverOrder", () => {
  it("finds no drift when priorities 10,20,30 follow the desired order", () => {
    const result = compareFailoverOrder(
      ["a", "b", "c"],
      live([
        ["c", 30],
        ["a", 10],
        ["b", 20],
      ]),
    );
    expect(result.drift).toBe(false);
  });

  it("reports drift with both orders when two standbys are swapped", () => {
    const result = compareFailoverOrder(
      ["a", "b", "c"],
      live([
        ["a", 1],
        ["b", 3],
        ["c", 2],
      ]),
    );
    expect(result).toMatchObject({
      drift: true,
      expected: ["a", "b", "c"],
      actual: ["a", "c", "b"],
      firstMismatch: 1,
    });
  });

  it("matches names case-insensitively", () => {
    expect(
      compareFailoverOrder(
        ["Web-A", "web-b"],
        live([
          ["web-a", 1],
          ["WEB-B", 2],
        ]),
      ).drift,
    ).toBe(false);
  });

  it("ignores endpoints present on one side only", () => {
    const result = compareFailoverOrder(
      ["a", "gone", "b"],
      live([
        ["extra", 1],
        ["a", 2],
        ["b", 3],
      ]),
    );
    expect(result).toMatchObject({ drift: false, expected: ["a", "b"], actual: ["a", "b"] });
  });

  it("uses array order when live priorities are absent", () => {
    expect(
      compareFailoverOrder(
        ["a", "b"],
        live([
          ["b", undefined],
          ["a", undefined],
        ]),
      ).drift,
    ).toBe(true);
  });
});

describe("orderEndpoints", () => {
  it("keeps array order between endpoints with the same priority", () => {
    expect(
      orderEndpoints(
        live([
          ["x", 1],
          ["y", 1],
        ]),
      ).map((e) => e.name),
    ).toEqual(["x", "y"]);
  });
});

describe("failover order properties", () => {
  const distinctNames = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), {
    minLength: 1,
    maxLength: 12,
    selector: (s) => s.toLowerCase(),
  });

  it("never changes its verdict when priorities are scaled or shifted", () => {
    fc.assert(
      fc.property(
        distinctNames.chain((names) =>
          fc.tuple(
            fc.constant(names),
            fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }),
          ),
        ),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 500 }),
        ([desired, liveOrder], scale, shift) => {
          const base = liveOrder.map((name, i) => ({ name, priority: i + 1 }));
          const moved = liveOrder.map((name, i) => ({ name, priority: (i + 1) * scale + shift }));
          expect(compareFailoverOrder(desired, moved).drift).toBe(compareFailoverOrder(desired, base).drift);
        },
      ),
    );
  });

  it("calls every permutation other than the identity drift", () => {
    fc.assert(
      fc.property(
        distinctNames.chain((names) =>
          fc.tuple(
            fc.constant(names),
            fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }),
          ),
        ),
        ([desired, liveOrder]) => {
          const isIdentity = desired.every((n, i) => n === liveOrder[i]);
          const endpoints = liveOrder.map((name, i) => ({ name, priority: i + 1 }));
          expect(compareFailoverOrder(desired, endpoints).drift).toBe(!isIdentity);
        },
      ),
    );
  });
});
