import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allFunctions } from "../../src/functions/all-functions.js";

// Follows what `azd deploy` does with this repository (azure-dev, framework_service_node.go):
// a fresh clone, `npm ci`, then ONLY `npm run build` (azd's Node service never runs another
// script), then it zips the folder azure.yaml names. Nothing left over from the worktree helps.

const repo = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "tms-azd-path-"));
const clone = join(work, "clone");
const sh = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** `services.api.dist` of azure.yaml (one service; a small regex instead of a YAML dependency). */
function distFolder(azureYaml: string): string {
  const dist = /^ {2}api:\n(?: {4}.*\n)*? {4}dist: (\S+)$/m.exec(azureYaml)?.[1];
  if (dist === undefined) throw new Error("azure.yaml names no dist folder for service api");
  return dist;
}

let deployed: string;

beforeAll(() => {
  // The committed HEAD, as a user or azd would get it.
  sh("git", ["clone", "--quiet", repo, clone], work);
  sh("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], clone);
  sh("npm", ["run", "build"], clone);
  // azd zips the folder and the platform runs it without the clone around it: copy it out, so
  // the import below cannot fall back on the clone's node_modules.
  deployed = join(work, "deployed");
  cpSync(join(clone, distFolder(readFileSync(join(clone, "azure.yaml"), "utf8"))), deployed, {
    recursive: true,
  });
}, 1_200_000); // npm ci and a full build; generous for a busy shared machine

// A fresh node_modules is large: removing it takes a while on a busy machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000);

describe("azd's path on a fresh clone: npm ci, npm run build, deploy the azure.yaml folder", () => {
  it("writes host.json and a package.json whose main entry exists", () => {
    expect(readFileSync(join(deployed, "host.json"), "utf8")).toBe(
      readFileSync(join(repo, "host.json"), "utf8"),
    );
    const pkg = JSON.parse(readFileSync(join(deployed, "package.json"), "utf8")) as {
      main: string;
      type: string;
      dependencies?: object;
    };
    expect(pkg.type).toBe("module");
    expect(pkg.dependencies, "the bundle ships no node_modules").toBeUndefined();
    expect(existsSync(join(deployed, pkg.main)), pkg.main).toBe(true);
  });

  it("registers every function of the app when a fresh Node process imports the entry", () => {
    const pkg = JSON.parse(readFileSync(join(deployed, "package.json"), "utf8")) as { main: string };
    const entry = pathToFileURL(join(deployed, pkg.main)).href;
    const script = `const m = await import(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(m.registrations.map((r) => r.name)));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: deployed,
      encoding: "utf8",
      // Only what a new function app has: no storage, every other setting at its default.
      env: { PATH: process.env["PATH"] ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const names = JSON.parse(out) as string[];
    expect([...names].sort()).toEqual(allFunctions.map((f) => f.name).sort());
  });
});
