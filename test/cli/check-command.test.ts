import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/arm-examples");
const EXAMPLE = join(ROOT, "examples/contoso-failover.json");
const EXAMPLE_DESIRED = join(ROOT, "examples/contoso-failover.desired.json");

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as users do: `node bin/tm-sentinel.js …`. */
function cli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/tm-sentinel.js"), ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
beforeAll(async () => {
  // `npm test` builds first (pretest); this guards a bare `vitest run` on a fresh clone.
  if (!existsSync(join(ROOT, "dist/src/cli/check-command.js"))) {
    await new Promise<void>((resolve) => {
      execFile(
        process.execPath,
        [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        { cwd: ROOT },
        () => resolve(),
      );
    });
  }
  dir = await mkdtemp(join(tmpdir(), "tm-check-"));
}, 180_000);

async function writeJson(name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

describe("tm-sentinel check on the shared ARM examples", async () => {
  const nonPriority = (await readdir(FIXTURES)).filter((f) => f.endsWith(".json") && !f.includes("Nested"));

  it.each(nonPriority)("flags the routing method of %s and exits 2", async (file) => {
    const run = await cli("check", "--profile", join(FIXTURES, file), "--no-probe", "--format", "json");
    const parsed = JSON.parse(run.stdout) as Report | Report[];
    const reports = Array.isArray(parsed) ? parsed : [parsed];
    for (const r of reports) expect(r.findings.map((f) => f.code)).toContain("ROUTING_METHOD_NOT_PRIORITY");
    expect(run.code).toBe(2);
  });

  it("flags the shared priorities of the nested Priority example and exits 2", async () => {
    const run = await cli(
      "check",
      "--profile",
      join(FIXTURES, "Profile-PUT-WithNestedEndpoints.json"),
      "--no-probe",
      "--format",
      "json",
    );
    const report = JSON.parse(run.stdout) as Report;
    expect(report.servingEndpoint).toBe("MyFirstNestedEndpoint");
    expect(report.findings.map((f) => f.code)).toEqual(["ORDER_DRIFT", "NO_DESIRED_STATE"]);
    expect(run.code).toBe(2);
  });

  it("prints an array of reports for a file holding several profiles", async () => {
    const run = await cli(
      "check",
      "--profile",
      join(FIXTURES, "Profile-GET-ByResourceGroup.json"),
      "--no-probe",
      "--format",
      "json",
    );
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });
});

describe("tm-sentinel check on the shipped example", () => {
  it("exits 0 when the Priority profile matches its desired file", async () => {
    const run = await cli(
      "check",
      "--profile",
      EXAMPLE,
      "--desired",
      EXAMPLE_DESIRED,
      "--no-probe",
      "--format",
      "json",
    );
    const report = JSON.parse(run.stdout) as Report;
    expect(report).toMatchObject({ servingEndpoint: "web-eastus", findings: [] });
    expect(run.code).toBe(0);
  });

  it("prints the serving endpoint and the failover order as text", async () => {
    const run = await cli("check", "--profile", EXAMPLE, "--desired", EXAMPLE_DESIRED, "--no-probe");
    expect(run.stdout).toMatch(/Serving\s+web-eastus/);
    expect(run.stdout).toMatch(/1\s+web-eastus\s+web-eastus\s+1\s+yes\s+Online/);
    expect(run.stdout).toContain("Findings  none");
  });

  it("exits 2 and shows both orders when the desired order differs", async () => {
    const desired = await writeJson("swapped.desired.json", {
      routingMethod: "Priority",
      endpoints: [
        { name: "web-westus", enabled: true },
        { name: "web-eastus", enabled: true },
        { name: "web-onprem", enabled: true },
      ],
    });
    const run = await cli("check", "--profile", EXAMPLE, "--desired", desired, "--no-probe");
    expect(run.stdout).toMatch(
      /CRITICAL\n\s+ORDER_DRIFT: The live primary is "web-eastus" but the desired primary is "web-westus"/,
    );
    expect(run.code).toBe(2);
  });

  it("marks findings inside a maintenance window of the desired file, and says until when", async () => {
    const desired = await writeJson("maintenance.desired.json", {
      routingMethod: "Priority",
      endpoints: [
        { name: "web-westus", enabled: true },
        { name: "web-eastus", enabled: true },
        { name: "web-onprem", enabled: true },
      ],
      // Starts every second and lasts a day: always open.
      maintenance: [{ schedule: "* * * * * *", durationMinutes: 1440, comment: "migration" }],
    });
    const run = await cli("check", "--profile", EXAMPLE, "--desired", desired, "--no-probe");
    expect(run.stdout).toMatch(/ORDER_DRIFT: .* \(silenced until \S+ by maintenance\)/);
    expect(run.stdout).toMatch(
      /Silenced \(notifications held back; docs\/silences\.md\)\n\s+maintenance until \S+: "migration"/,
    );
    expect(run.code).toBe(2);
  });
});

describe("tm-sentinel check input errors", () => {
  it("exits 1 and names every invalid field of the desired file", async () => {
    const desired = await writeJson("bad.desired.json", {
      routingMethod: "Priority",
      endpoints: [
        { name: "a", enabled: true },
        { name: "A", enabled: true },
      ],
      monitor: { intervalInSeconds: 20 },
    });
    const run = await cli("check", "--profile", EXAMPLE, "--desired", desired, "--no-probe");
    expect(run.stderr).toContain("$.endpoints[1].name");
    expect(run.stderr).toContain("$.monitor.intervalInSeconds");
    expect(run.code).toBe(1);
  });

  it("exits 1 naming the JSON path of a malformed profile", async () => {
    const profile = await writeJson("bad-profile.json", {
      name: "x",
      properties: {
        trafficRoutingMethod: "Priority",
        endpoints: [{ name: "a", properties: { priority: "one" } }],
      },
    });
    const run = await cli("check", "--profile", profile, "--no-probe");
    expect(run.stderr).toContain("$.properties.endpoints[0].properties.priority: expected a number");
    expect(run.code).toBe(1);
  });

  it("exits 1 when the profile file does not exist", async () => {
    const run = await cli("check", "--profile", join(dir, "nope.json"), "--no-probe");
    expect(run.stderr).toContain("--profile");
    expect(run.code).toBe(1);
  });

  it("exits 1 without --profile", async () => {
    const run = await cli("check", "--no-probe");
    expect(run.stderr).toContain("--profile FILE is required");
    expect(run.code).toBe(1);
  });

  it("exits 1 on an unknown flag", async () => {
    const run = await cli("check", "--profile", EXAMPLE, "--colour");
    expect(run.stderr).toContain("--colour");
    expect(run.code).toBe(1);
  });

  it("exits 1 naming --format when the format is unknown", async () => {
    const run = await cli("check", "--profile", EXAMPLE, "--format", "xml");
    expect(run.stderr).toContain("--format must be text or json");
    expect(run.code).toBe(1);
  });
});

describe("tm-sentinel check with probing", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // One loopback server plays both endpoints: the endpoint-level header says which one is asked.
    server = createServer((req, res) => {
      res.statusCode = req.headers["x-endpoint"] === "primary" ? 503 : 200;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("probes on the probes basis when the file has no live statuses and fails over", async () => {
    const endpoint = (name: string, priority: number, which: string) => ({
      name,
      type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
      properties: {
        target: "127.0.0.1",
        endpointStatus: "Enabled",
        priority,
        customHeaders: [{ name: "X-Endpoint", value: which }],
      },
    });
    const profile = await writeJson("local.json", {
      name: "local",
      properties: {
        trafficRoutingMethod: "Priority",
        dnsConfig: { relativeName: "local", ttl: 30 },
        monitorConfig: {
          protocol: "HTTP",
          port,
          path: "/health",
          intervalInSeconds: 10,
          timeoutInSeconds: 5,
          toleratedNumberOfFailures: 0,
        },
        endpoints: [endpoint("primary", 1, "primary"), endpoint("standby", 2, "standby")],
      },
    });
    const run = await cli("check", "--profile", profile, "--format", "json");
    const report = JSON.parse(run.stdout) as Report;
    expect(report).toMatchObject({ servingBasis: "probes", servingEndpoint: "standby" });
    expect(report.findings.map((f) => f.code)).toContain("PROBE_FAILED");
    expect(run.code).toBe(2);
  });
});
