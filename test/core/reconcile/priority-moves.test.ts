import { describe, expect, it } from "vitest";
import { orderPriorityMoves, targetPriorities } from "../../../src/core/reconcile/priority-moves.js";

describe("orderPriorityMoves", () => {
  it("breaks a cycle of endpoints that want each other's priorities through one free value", () => {
    const moves = orderPriorityMoves(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
      new Map([
        ["a", 2],
        ["b", 1],
      ]),
    );

    expect(moves).toEqual([
      { name: "a", from: 1, to: 3, temporary: true },
      { name: "b", from: 2, to: 1, temporary: false },
      { name: "a", from: 3, to: 2, temporary: false },
    ]);
  });

  it("moves a chain in dependency order (the holder of a target first)", () => {
    const moves = orderPriorityMoves(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
      new Map([
        ["a", 2],
        ["b", 3],
      ]),
    );

    expect(moves.map((m) => `${m.name}→${m.to}`)).toEqual(["b→3", "a→2"]);
  });
});

describe("targetPriorities", () => {
  it("keeps the longest run already in order and fits the rest into free values between", () => {
    const targets = targetPriorities(
      [
        { name: "a", priority: 10 },
        { name: "c", priority: 30 },
        { name: "b", priority: 20 },
      ],
      [],
    );

    expect([...targets]).toEqual([["b", 31]]);
  });

  it("gives an endpoint without a priority one in its place", () => {
    const targets = targetPriorities(
      [
        { name: "a", priority: 1 },
        { name: "b", priority: undefined },
      ],
      [2],
    );

    expect([...targets]).toEqual([["b", 3]]);
  });
});
