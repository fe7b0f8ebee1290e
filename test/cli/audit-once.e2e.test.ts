import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";
import { startArmServer, type ArmServer } from "../support/arm-server.js";
import { buildRawProfile, rawProfileId } from "../support/builders/arm-raw-profile.js";
import { startDnsServer, type DnsServer } from "../support/dns-server.js";
import { startIdentityEndpoint, type IdentityEndpoint } from "../support/identity-endpoint.js";

/**
 * The built CLI as a separate process, configured only through environment variables that point
 * at a local managed-identity endpoint and a local HTTPS ARM. Needs `npm run build` first
 * (`npm test` runs it as pretest).
 */
const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/tm-sentinel.js");
const SUB_A = "aaaaaaaa-1111-0000-0000-00000000000a";
const SUB_B = "bbbbbbbb-1111-0000-0000-00000000000b";
const SUB_C = "cccccccc-1111-0000-0000-00000000000c";

let idp: IdentityEndpoint;
let arm: ArmServer;
let dir: string;
let caFile: string;
let desiredDir: string;
/** DNS truth resolves every profile's fqdn: answer locally (NXDOMAIN), never through the network. */
let dns: DnsServer;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runAudit(env: Record<string, string>, format = "json"): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "audit", "--once", "--format", format], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        IDENTITY_ENDPOINT: idp.endpoint,
        IDENTITY_HEADER: idp.header,
        ARM_ENDPOINT: arm.url,
        NODE_EXTRA_CA_CERTS: caFile,
        DESIRED_STATE_DIR: desiredDir,
        PROBE_ENABLED: "false",
        ARM_MAX_RETRIES: "1",
        DNS_RESOLVERS: dns.address,
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function reportsOf(run: CliRun): Report[] {
  try {
    return (JSON.parse(run.stdout) as { reports: Report[] }).reports;
  } catch {
    throw new Error(`not JSON (exit ${String(run.code)}):\n${run.stdout}\n${run.stderr}`);
  }
}

const codes = (r: Report | undefined) => r?.findings.map((f) => f.code) ?? [];

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/src/cli/audit-command.js"))) {
    throw new Error("dist/ is missing: run `npx tsc -p tsconfig.build.json` (npm test does) first");
  }
  idp = await startIdentityEndpoint();
  dns = await startDnsServer({});
  arm = await startArmServer({ acceptsToken: (t) => idp.issued.some((i) => i.token === t) });
  dir = await mkdtemp(join(tmpdir(), "tm-audit-once-"));
  caFile = join(dir, "arm-ca.pem");
  desiredDir = join(dir, "desired");
  await writeFile(caFile, arm.ca);
  await import("node:fs/promises").then((fs) => fs.mkdir(desiredDir));
});

afterAll(async () => {
  await Promise.all([idp.close(), arm.close(), dns.close(), rm(dir, { recursive: true, force: true })]);
});

beforeEach(() => {
  arm.profiles.clear();
  arm.requests.length = 0;
  for (const s of [SUB_A, SUB_B, SUB_C]) arm.inject(s, undefined);
});

describe("tm-sentinel audit --once against a local ARM", () => {
  it("audits 200 Priority profiles of one subscription with exactly one ARM request", async () => {
    for (let i = 0; i < 200; i++)
      arm.put(buildRawProfile({ subscriptionId: SUB_A, name: `tm-${String(i)}` }));

    const run = await runAudit({ TM_WATCH: `/subscriptions/${SUB_A}` });

    expect(reportsOf(run)).toHaveLength(200);
    expect(arm.requests).toHaveLength(1);
  });

  it("presents to ARM only the bearer token the identity endpoint issued", async () => {
    arm.put(buildRawProfile({ subscriptionId: SUB_A }));
    const before = idp.issued.length;

    await runAudit({ TM_WATCH: `/subscriptions/${SUB_A}` });

    const issued = idp.issued.slice(before);
    expect(issued.map((i) => i.resource)).toEqual(["https://management.azure.com"]);
    expect(arm.requests.map((r) => r.token)).toEqual([issued[0]?.token]);
  });

  it("reads explicit profiles in three subscriptions with three requests", async () => {
    const ids = [SUB_A, SUB_B, SUB_C].map((s) => {
      arm.put(buildRawProfile({ subscriptionId: s, name: "tm-web" }));
      return rawProfileId(s, "rg-web", "tm-web");
    });

    const run = await runAudit({ TM_WATCH: ids.join(",") });

    expect(
      reportsOf(run)
        .map((r) => r.profile)
        .sort(),
    ).toEqual([SUB_A, SUB_B, SUB_C].map((s) => `${s}/rg-web/tm-web`));
    expect(arm.requests).toHaveLength(3);
  });

  it("discovers Priority profiles by scope and tag and audits an explicitly named Weighted one", async () => {
    arm.put(
      buildRawProfile({ subscriptionId: SUB_A, name: "tagged", tags: { "tm-sentinel": "watch" } }),
      buildRawProfile({ subscriptionId: SUB_A, name: "untagged" }),
      buildRawProfile({ subscriptionId: SUB_A, name: "weighted", routingMethod: "Weighted" }),
    );

    const run = await runAudit({
      TM_WATCH: `/subscriptions/${SUB_A}/resourceGroups/rg-web,${rawProfileId(SUB_A, "rg-web", "weighted")}`,
      TM_WATCH_TAG: "tm-sentinel=watch",
    });

    const reports = reportsOf(run);
    expect(reports.map((r) => r.profile.split("/")[2]).sort()).toEqual(["tagged", "weighted"]);
    expect(codes(reports.find((r) => r.profile.endsWith("/weighted")))).toContain(
      "ROUTING_METHOD_NOT_PRIORITY",
    );
    expect(arm.requests).toHaveLength(1);
  });

  it("retries a 429 after its Retry-After and completes the cycle", async () => {
    arm.put(buildRawProfile({ subscriptionId: SUB_A }));
    arm.inject(SUB_A, { kind: "throttle", retryAfterSeconds: 1, times: 1 });

    const run = await runAudit({ TM_WATCH: `/subscriptions/${SUB_A}` });

    expect(codes(reportsOf(run)[0])).not.toContain("AUDIT_ERROR");
    expect(arm.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("reports AUDIT_ERROR for a subscription answering 500 and audits the others normally", async () => {
    arm.put(
      buildRawProfile({ subscriptionId: SUB_A, name: "broken" }),
      buildRawProfile({ subscriptionId: SUB_B, name: "fine" }),
    );
    arm.inject(SUB_A, { kind: "status", status: 500, code: "InternalServerError" });

    const run = await runAudit({ TM_WATCH: `/subscriptions/${SUB_A},/subscriptions/${SUB_B}` });

    const reports = reportsOf(run);
    expect(run.code).toBe(2);
    expect(codes(reports.find((r) => r.profile.includes(SUB_A)))).toEqual(["AUDIT_ERROR"]);
    expect(reports.find((r) => r.profile === `${SUB_B}/rg-web/fine`)?.servingEndpoint).toBe("web-eastus");
  });

  it("reports AUDIT_ERROR naming a watched profile that was deleted", async () => {
    const run = await runAudit({ TM_WATCH: rawProfileId(SUB_A, "rg-web", "deleted") });

    const [report] = reportsOf(run);
    expect(run.code).toBe(2);
    expect(report?.profile).toBe(`${SUB_A}/rg-web/deleted`);
    expect(report?.findings[0]).toMatchObject({
      code: "AUDIT_ERROR",
      message: expect.stringContaining("deleted") as unknown,
    });
  });

  it("exits 0 when the live profile matches its desired state", async () => {
    arm.put(buildRawProfile({ subscriptionId: SUB_A, name: "tm-clean" }));
    await writeFile(
      join(desiredDir, `${SUB_A}__rg-web__tm-clean.json`),
      JSON.stringify({
        routingMethod: "Priority",
        endpoints: [
          { name: "web-eastus", enabled: true },
          { name: "web-westus", enabled: true },
        ],
      }),
    );

    const run = await runAudit({ TM_WATCH: rawProfileId(SUB_A, "rg-web", "tm-clean") });

    expect(reportsOf(run)[0]?.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("prints a text report", async () => {
    arm.put(buildRawProfile({ subscriptionId: SUB_A, name: "tm-text" }));

    const run = await runAudit({ TM_WATCH: `/subscriptions/${SUB_A}` }, "text");

    expect(run.stdout).toContain("tm-text");
  });

  it("reads exported profiles from LIVE_PROFILE_FILE instead of ARM", async () => {
    const file = join(dir, "exported.json");
    await writeFile(file, JSON.stringify(buildRawProfile({ subscriptionId: SUB_C, name: "tm-offline" })));

    const run = await runAudit({ LIVE_PROFILE_FILE: file });

    expect(reportsOf(run).map((r) => r.profile)).toEqual([`${SUB_C}/rg-web/tm-offline`]);
    expect(arm.requests).toEqual([]);
  });

  it("exits 1 naming TM_WATCH and the bad entry when the watch list is invalid", async () => {
    const run = await runAudit({ TM_WATCH: "tm-web" });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TM_WATCH: .*"tm-web"/);
    expect(arm.requests).toEqual([]);
  });

  it("exits 1 naming TM_WATCH and LIVE_PROFILE_FILE when neither is set", async () => {
    const run = await runAudit({});

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("TM_WATCH");
    expect(run.stderr).toContain("LIVE_PROFILE_FILE");
  });
});
