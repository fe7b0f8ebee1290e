import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

const bundle = new URL("../../dist/deploy/dist/index.js", import.meta.url);
const built = new URL("../../dist/src/index.js", import.meta.url);

/** Imports an entry in a fresh process (as the Functions worker does) and prints what it registered. */
function registrationsOf(entry: URL): unknown {
  const script = `const m = await import(${JSON.stringify(entry.href)}); process.stdout.write(JSON.stringify(m.registrations));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    // Only what a fresh function app has: no storage, defaults for everything else.
    env: { PATH: process.env["PATH"] ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as unknown;
}

describe("the deployable package (npm run build)", () => {
  it("loads in a fresh Node process and registers exactly what the tsc build registers", () => {
    expect(existsSync(bundle), "npm test builds it in pretest").toBe(true);
    const fromBundle = registrationsOf(bundle);
    expect(fromBundle).toEqual(registrationsOf(built));
    expect((fromBundle as { name: string }[]).map((r) => r.name)).toContain("audit-profile");
  });
});
