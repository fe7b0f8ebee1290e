import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../bin/tm-sentinel.js", import.meta.url));

/** The machine's own Node when it is older than 22 (these machines ship 20), else undefined. */
function olderSystemNode(): string | undefined {
  for (const path of ["/usr/bin/node", "/usr/local/bin/node"]) {
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ["--version"], { encoding: "utf8" }).stdout.trim();
    if (Number(/^v(\d+)/.exec(version)?.[1] ?? 99) < 22) return path;
  }
  return undefined;
}

// Where no older Node is installed, this Node pretends to be 20.11.1 before the bin runs.
const PRETEND_20 = `data:text/javascript,${encodeURIComponent(
  'Object.defineProperty(process, "version", { value: "v20.11.1" });' +
    'Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.11.1" } });',
)}`;

describe("bin/tm-sentinel.js on a Node older than 22", () => {
  it("says which Node it needs and which it found, and exits 1", () => {
    const old = olderSystemNode();
    const [node, args] = old
      ? [old, [bin, "check"]]
      : [process.execPath, ["--import", PRETEND_20, bin, "check"]];
    const out = spawnSync(node, args, { encoding: "utf8" });
    const found = old ? spawnSync(old, ["--version"], { encoding: "utf8" }).stdout.trim() : "v20.11.1";
    expect(out.stderr.trim()).toBe(`tm-sentinel needs Node.js 22 or later (found ${found})`);
    expect(out.status).toBe(1);
  });
});
