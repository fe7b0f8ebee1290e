import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run as runApply } from "../../src/cli/apply-command.js";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { run as runPlan } from "../../src/cli/plan-command.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import type { Plan } from "../../src/core/reconcile/plan.js";
import { buildRawProfile, DEFAULT_SUBSCRIPTION } from "../support/builders/arm-raw-profile.js";

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    stdout: () => out.join("\n"),
    stderr: () => err.join("\n"),
  };
}

const KEY = `${DEFAULT_SUBSCRIPTION}/rg-web/tm-web`;
const matching: DesiredState = {
  routingMethod: "Priority",
  endpoints: [
    { name: "web-eastus", enabled: true },
    { name: "web-westus", enabled: true },
  ],
};
const reversed: DesiredState = { ...matching, endpoints: [...matching.endpoints].reverse(), ttl: 30 };

let dir: string;
let profileFile: string;
const desiredFile = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tm-plan-"));
  profileFile = join(dir, "profile.json");
  await writeFile(profileFile, JSON.stringify(buildRawProfile()));
  await writeFile(desiredFile("matching.json"), JSON.stringify(matching));
  await writeFile(desiredFile("reversed.json"), JSON.stringify(reversed));
  await writeFile(desiredFile("invalid.json"), JSON.stringify({ routingMethod: "Weighted", endpoints: [] }));
});

describe("tm-sentinel plan --profile --desired (offline)", () => {
  it("exits 0 and says so when nothing would change", async () => {
    const io = capture();

    const code = await main(
      ["plan", "--profile", profileFile, "--desired", desiredFile("matching.json")],
      io,
    );

    expect(code).toBe(0);
    expect(io.stdout()).toContain("No changes");
  });

  it("exits 2 and prints the changes like a diff", async () => {
    const io = capture();

    const code = await main(
      ["plan", "--profile", profileFile, "--desired", desiredFile("reversed.json")],
      io,
    );

    expect(code).toBe(2);
    expect(io.stdout()).toContain("~ web-eastus priority 1 → 3");
    expect(io.stdout()).toContain("~ profile ttl 60 → 30");
  });

  it("prints the plan as JSON with --format json", async () => {
    const io = capture();

    await main(
      ["plan", "--profile", profileFile, "--desired", desiredFile("reversed.json"), "--format", "json"],
      io,
    );

    const plan = JSON.parse(io.stdout()) as Plan;
    expect(plan.profile).toBe(KEY);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.changes.map((c) => c.field)).toEqual(["priority", "ttl"]);
  });

  it("exits 1 naming the problem for an invalid desired file", async () => {
    const io = capture();

    const code = await main(["plan", "--profile", profileFile, "--desired", desiredFile("invalid.json")], io);

    expect(code).toBe(1);
    expect(io.stderr()).toContain("$.routingMethod");
  });

  it("exits 1 when --desired is missing", async () => {
    const io = capture();

    expect(await main(["plan", "--profile", profileFile], io)).toBe(1);
    expect(io.stderr()).toContain("--profile FILE and --desired FILE go together");
  });
});

describe("tm-sentinel plan KEY / apply KEY (configured)", () => {
  async function env(extra: Record<string, string> = {}) {
    const desiredDir = await mkdtemp(join(tmpdir(), "tm-plan-desired-"));
    await writeFile(
      join(desiredDir, `${DEFAULT_SUBSCRIPTION}__rg-web__tm-web.json`),
      JSON.stringify(reversed),
    );
    return {
      LIVE_PROFILE_FILE: profileFile,
      DESIRED_STATE_DIR: desiredDir,
      PROBE_ENABLED: "false",
      ...extra,
    };
  }

  it("plans a configured profile by key", async () => {
    const io = capture();

    const code = await runPlan([KEY], io, await env());

    expect(code).toBe(2);
    expect(io.stdout()).toContain(`Plan for ${KEY}`);
  });

  it("apply without --yes or --plan-hash prints the plan and the hash to use, exit 2", async () => {
    const io = capture();

    const code = await runApply([KEY], io, await env({ TM_ENABLE_WRITE_FEATURES: "true" }));

    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/--plan-hash [0-9a-f]{64}/);
  });

  it("apply refuses naming TM_ENABLE_WRITE_FEATURES while writes are off", async () => {
    const io = capture();

    await expect(runApply([KEY, "--yes"], io, await env())).rejects.toThrow(/TM_ENABLE_WRITE_FEATURES/);
  });

  it("apply with a stale --plan-hash refuses with a conflict", async () => {
    const io = capture();

    await expect(
      runApply([KEY, "--plan-hash", "0".repeat(64)], io, await env({ TM_ENABLE_WRITE_FEATURES: "true" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
