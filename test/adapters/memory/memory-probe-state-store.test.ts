import { describe, expect, it } from "vitest";
import { MemoryProbeStateStore } from "../../../src/adapters/memory/memory-probe-state-store.js";

describe("MemoryProbeStateStore", () => {
  it("returns empty counters for a profile never saved", async () => {
    expect(await new MemoryProbeStateStore().load("sub/rg/tm")).toEqual({});
  });

  it("returns what was saved, whatever the case of the profile key", async () => {
    const store = new MemoryProbeStateStore();
    await store.save("Sub/RG/tm", { web: { consecutiveFailures: 2 } });
    expect(await store.load("sub/rg/TM")).toEqual({ web: { consecutiveFailures: 2 } });
  });

  it("keeps its own copy so callers cannot change stored counters", async () => {
    const store = new MemoryProbeStateStore();
    const counters = { web: { consecutiveFailures: 1 } };
    await store.save("sub/rg/tm", counters);
    counters.web.consecutiveFailures = 9;
    expect((await store.load("sub/rg/tm")).web?.consecutiveFailures).toBe(1);
  });
});
