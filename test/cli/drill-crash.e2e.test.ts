import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startArmServer, type ArmServer } from "../support/arm-server.js";
import { buildRawProfile, rawProfileId } from "../support/builders/arm-raw-profile.js";
import { uniqueTableName } from "../support/builders/table-store-builders.js";
import { startIdentityEndpoint, type IdentityEndpoint } from "../support/identity-endpoint.js";
import { startTrafficManagerModel, type TrafficManagerModel } from "../support/traffic-manager-model.js";

/**
 * The built CLI as separate processes: `drill` is killed (SIGKILL) right after it disabled the
 * primary; the next `audit --once` finds the stalled drill and re-enables the primary.
 */
const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/tm-sentinel.js");
const SUB = "dddddddd-1414-0000-0000-00000000000d";
const ID = rawProfileId(SUB, "rg-web", "tm-web");

let idp: IdentityEndpoint;
let arm: ArmServer;
let model: TrafficManagerModel;
let dir: string;
let env: Record<string, string>;

function spawnCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const primaryStatus = () =>
  arm.profiles.get(ID.toLowerCase())?.properties.endpoints[0]?.properties["endpointStatus"];

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/src/cli/drill-command.js")))
    throw new Error("dist/ is missing: run `npx tsc -p tsconfig.build.json` (npm test does) first");
  idp = await startIdentityEndpoint();
  arm = await startArmServer({ acceptsToken: (t) => idp.issued.some((i) => i.token === t) });
  arm.put(buildRawProfile({ subscriptionId: SUB }));
  // Traffic never moves, so the drill is still waiting (primary disabled) when it is killed.
  model = await startTrafficManagerModel(arm, ID, { stuck: true });
  dir = await mkdtemp(join(tmpdir(), "tm-drill-crash-"));
  await writeFile(join(dir, "arm-ca.pem"), arm.ca);
  env = {
    PATH: process.env.PATH ?? "",
    IDENTITY_ENDPOINT: idp.endpoint,
    IDENTITY_HEADER: idp.header,
    ARM_ENDPOINT: arm.url,
    NODE_EXTRA_CA_CERTS: join(dir, "arm-ca.pem"),
    TM_WATCH: ID,
    ARM_MAX_RETRIES: "1",
    PROBE_ENABLED: "false",
    TM_ENABLE_WRITE_FEATURES: "true",
    AzureWebJobsStorage: inject("azuriteConnectionString"),
    TABLE_DESIRED: uniqueTableName("desired"),
    TABLE_REPORTS: uniqueTableName("reports"),
    TABLE_STATE: uniqueTableName("state"),
    TABLE_DRILLS: uniqueTableName("drills"),
    DNS_RESOLVERS: model.dns,
    DRILL_POLL_SECONDS: "1",
    DRILL_DEADLINE_SECONDS: "60",
    DRILL_STALL_SECONDS: "0",
  };
});

afterAll(async () => {
  await Promise.all([model.close(), idp.close(), arm.close(), rm(dir, { recursive: true, force: true })]);
});

describe("a drill whose process dies after disabling the primary", () => {
  it("is closed by the next `audit --once`, which re-enables the primary", async () => {
    const drill = spawnCli(["drill", `${SUB}/rg-web/tm-web`]);
    const done = finished(drill);
    await new Promise<void>((resolve) => {
      drill.stdout?.on("data", (c: Buffer) => {
        if (c.toString().includes("disable web-eastus")) {
          drill.kill("SIGKILL");
          resolve();
        }
      });
    });
    await done;
    expect(primaryStatus()).toBe("Disabled");
    // The killed drill's next step was due a second later; make sure that moment has passed.
    await new Promise((r) => setTimeout(r, 1500));

    const audit = await finished(spawnCli(["audit", "--once", "--format", "json"]));

    expect(audit.stderr).toMatch(/recovered drill .* re-enabled web-eastus/);
    expect(primaryStatus()).toBe("Enabled");
  });
});
