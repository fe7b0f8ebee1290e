import { describe, expect, it } from "vitest";
import { ProbeSlots } from "../../../src/adapters/probe/probe-slots.js";

describe("probe slots", () => {
  it("hands out at most its size, then one slot per release, first come first served", async () => {
    const slots = new ProbeSlots(2);
    expect(await slots.acquire()).toBe(true);
    expect(await slots.acquire()).toBe(true);
    const order: string[] = [];
    const third = slots.acquire().then(() => order.push("third"));
    const fourth = slots.acquire().then(() => order.push("fourth"));
    await Promise.resolve();
    expect(order).toEqual([]);
    slots.release();
    await third;
    expect(order).toEqual(["third"]);
    slots.release();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
  });

  it("wakes every waiter with false once closed, and refuses new ones", async () => {
    const slots = new ProbeSlots(1);
    await slots.acquire();
    const waiting = slots.acquire();
    slots.close();
    expect(await waiting).toBe(false);
    expect(await slots.acquire()).toBe(false);
  });

  it("rejects a size that is not a positive integer", () => {
    expect(() => new ProbeSlots(0)).toThrow(TypeError);
    expect(() => new ProbeSlots(1.5)).toThrow(TypeError);
  });
});
