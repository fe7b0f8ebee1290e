import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph, sourceFiles } from "../support/import-graph.js";

const base = fileURLToPath(new URL("../../", import.meta.url));

describe("imports under src/", () => {
  it("form no circle: every module can be read after the modules it imports", () => {
    const files = sourceFiles(`${base}src`, base);
    expect(files.length).toBeGreaterThan(50);
    expect(importCycles(importGraph(files, base))).toEqual([]);
  });
});
