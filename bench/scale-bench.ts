import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { createTableClientFactory } from "../src/adapters/store/table-client-factory.js";
import { TableDesiredStateStore } from "../src/adapters/store/table-desired-state-store.js";
import { systemClock } from "../src/app/ports/clock.js";
import { desiredFromLive } from "../src/core/desired-from-live.js";
import type { DesiredState } from "../src/core/desired-state.js";
import { normalizeProfile } from "../src/core/normalize-profile.js";
import { startEmbeddedAzurite } from "../src/serve/embedded-azurite.js";
import { startArmServer, type ArmServer } from "../test/support/arm-server.js";
import { startDnsServer } from "../test/support/dns-server.js";
import { buildRawProfile, type RawArmProfile } from "../test/support/builders/arm-raw-profile.js";
import { startIdentityEndpoint } from "../test/support/identity-endpoint.js";
import type { Counts } from "./counting-proxy.js";
import type { WorkerFigures } from "./scale-worker.js";

/**
 * `npm run bench:scale`: one fan-out cycle over PROFILES Priority profiles × 3 endpoints in SUBS
 * subscriptions, served by the local ARM stand-in (PAGE_SIZE profiles per list page, nextLink),
 * probed on loopback HTTP servers, with Azurite for tables and queues (the worker counts its own
 * storage requests from Node's http diagnostics channel);
 * the timer and the audit-profile queue trigger run in a child process (one Flex instance).
 * Each design runs two cycles on fresh tables: the first starts from empty state, the second
 * is the steady state. The baseline is the former design: one message per profile, each queued
 * audit GETting its profile from ARM and writing its state row by row.
 * Settings: BENCH_PROFILES (10000), BENCH_SUBSCRIPTIONS or BENCH_SUBS (10), BENCH_CYCLES (2), BENCH_PAGE_SIZE (1000), BENCH_TARGETS (4),
 * BENCH_DESIRED_EVERY (10: every 10th profile has a desired state).
 */
const PROFILES = Number(process.env.BENCH_PROFILES ?? 10_000);
const SUBS = Number(process.env.BENCH_SUBSCRIPTIONS ?? process.env.BENCH_SUBS ?? 10);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 2);
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? 1000);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 4);
const DESIRED_EVERY = Number(process.env.BENCH_DESIRED_EVERY ?? 10);
const WORKER = join(fileURLToPath(new URL(".", import.meta.url)), "scale-worker.js");

const subscription = (s: number) => `5ca1e000-0000-4000-8000-${String(s).padStart(12, "0")}`;

interface CycleFigures extends WorkerFigures {
  armList: number;
  armGet: number;
  table: Counts;
  queue: Counts;
  /** CPU time of this process (Azurite, the ARM stand-in, DNS, probe targets) during the cycle. */
  standInCpuMs: number;
}

async function startTargets(): Promise<{ ports: number[]; servers: Server[] }> {
  const servers: Server[] = [];
  for (let i = 0; i < TARGETS; i++) {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
  }
  return { ports: servers.map((s) => (s.address() as AddressInfo).port), servers };
}

function estate(ports: number[]): RawArmProfile[] {
  return Array.from({ length: PROFILES }, (_, i) => {
    const raw = buildRawProfile({
      subscriptionId: subscription(i % SUBS),
      resourceGroup: "rg-bench",
      name: `tm-${String(i).padStart(5, "0")}`,
      endpoints: [1, 2, 3].map((p) => ({ name: `web-${String(p)}`, target: "127.0.0.1", priority: p })),
    });
    Object.assign(raw.properties.monitorConfig as object, {
      protocol: "HTTP",
      port: ports[i % ports.length],
      path: `/p${String(i)}`,
    });
    return raw;
  });
}

function runWorker(mode: "listed" | "baseline", env: Record<string, string>): Promise<WorkerFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, mode], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      err = (err + c.toString()).slice(-4000);
      if (process.env.BENCH_VERBOSE) process.stderr.write(c);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as WorkerFigures)
        : reject(new Error(`worker ${mode} exited ${String(code)}:\n${err}`)),
    );
  });
}

const sum = (c: Counts, ...kinds: string[]) => kinds.reduce((n, k) => n + (c[k] ?? 0), 0);

function row(label: string, f: CycleFigures): string[] {
  const tx = sum(f.table, "batch", "read", "write");
  return [
    label,
    String(f.armList),
    String(f.armGet),
    `${String(tx)} (${String(f.table.batch ?? 0)} batch, ${String(f.table.write ?? 0)} write, ${String(f.table.read ?? 0)} read)`,
    (tx / f.profiles).toFixed(2),
    String(f.queue.send ?? 0),
    `${(f.wallMs / 1000).toFixed(1)} s (timer ${(f.timerMs / 1000).toFixed(1)} s)`,
    `${(f.cpuMs / 1000).toFixed(1)} s`,
    `${(f.standInCpuMs / 1000).toFixed(1)} s`,
    `${f.peakRssMb.toFixed(0)} MB`,
  ];
}

function printTable(rows: string[][]): void {
  const head = [
    "cycle",
    "ARM list",
    "ARM GET",
    "Table transactions",
    "per profile",
    "queue msgs",
    "wall",
    "worker CPU",
    "stand-ins CPU",
    "peak RSS",
  ];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  for (const r of all) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}

function printRatios(now: CycleFigures, then: CycleFigures): void {
  const ratio = (a: number, b: number) => (b === 0 ? "n/a" : `${(a / b).toFixed(3)}×`);
  const tx = (f: CycleFigures) => sum(f.table, "batch", "read", "write");
  console.log("");
  console.log(`cycle #${String(CYCLES)}, listed snapshot ÷ baseline:`);
  console.log(
    `  ARM requests        ${String(now.armList + now.armGet)} vs ${String(then.armList + then.armGet)}  ${ratio(now.armList + now.armGet, then.armList + then.armGet)}`,
  );
  console.log(
    `    of which list/GET ${String(now.armList)}/${String(now.armGet)} vs ${String(then.armList)}/${String(then.armGet)}`,
  );
  console.log(`  Table transactions  ${String(tx(now))} vs ${String(tx(then))}  ${ratio(tx(now), tx(then))}`);
  console.log(
    `    per profile       ${(tx(now) / now.profiles).toFixed(2)} vs ${(tx(then) / then.profiles).toFixed(2)}`,
  );
  console.log(
    `  queue messages      ${String(now.queue.send ?? 0)} vs ${String(then.queue.send ?? 0)}  ${ratio(now.queue.send ?? 0, then.queue.send ?? 0)}`,
  );
  console.log(
    `  wall time           ${(now.wallMs / 1000).toFixed(1)} s vs ${(then.wallMs / 1000).toFixed(1)} s  ${ratio(now.wallMs, then.wallMs)}`,
  );
  console.log(
    `  peak RSS            ${now.peakRssMb.toFixed(0)} MB vs ${then.peakRssMb.toFixed(0)} MB  ${ratio(now.peakRssMb, then.peakRssMb)}`,
  );
  console.log(
    `(Table transactions = every request to the table service: entity-group transactions, single writes, reads and queries; ` +
      `table creation not counted. Queue messages = messages sent; receives/deletes: listed ${String(sum(now.queue, "receive", "complete"))}, baseline ${String(sum(then.queue, "receive", "complete"))}.)`,
  );
}

/** Where the Table transactions of one cycle went, per profile (table names without the run suffix). */
function printDetail(label: string, f: CycleFigures): void {
  const detail = Object.entries(f.storage.tableDetail).sort((a, b) => b[1] - a[1]);
  console.log(`\nTable requests of ${label}, per profile:`);
  for (const [kind, n] of detail)
    console.log(`  ${kind.padEnd(34)} ${String(n).padStart(7)}  ${(n / f.profiles).toFixed(3)}`);
}

async function main(): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  const idp = await startIdentityEndpoint();
  const arm: ArmServer = await startArmServer({ acceptsToken: (t) => idp.issued.some((i) => i.token === t) });
  arm.pageSize = PAGE_SIZE;
  const targets = await startTargets();
  const raws = estate(targets.ports);
  // Every profile's name answers on a loopback DNS server, as Traffic Manager's would: the
  // DNS-truth lookup of each audit gets a real answer and nothing leaves the machine.
  const dns = await startDnsServer(
    Object.fromEntries(
      raws.map((r) => [String((r.properties.dnsConfig as { fqdn: string }).fqdn), { a: "127.0.0.1" }]),
    ),
  );
  arm.put(...raws);
  const dir = await mkdtemp(join(tmpdir(), "tm-scale-bench-"));
  const caFile = join(dir, "arm-ca.pem");
  await writeFile(caFile, arm.ca);

  console.log(`tm-sentinel scale bench — node ${process.version}, ${String(cpus().length)} CPUs`);
  console.log(
    `inputs: ${String(PROFILES)} Priority profiles × 3 endpoints (${String(PROFILES * 3)} probes per cycle) in ${String(SUBS)} subscriptions; ` +
      `local ARM over HTTPS, ${String(PAGE_SIZE)} profiles per list page; ${String(TARGETS)} loopback HTTP targets (distinct path per profile, instant 200); ` +
      `desired state for every ${String(DESIRED_EVERY)}th profile; a loopback DNS server answering every profile's name; Azurite (in memory) for tables and queues; ` +
      `queue trigger in one child process with host.json concurrency (batchSize 16, newBatchThreshold 8), ` +
      `AUDIT_PROFILE_CONCURRENCY 16, PROBE_CONCURRENCY 1000`,
  );

  const results: string[][] = [];
  const figures: Record<string, CycleFigures> = {};
  const modes = (process.env.BENCH_MODES ?? "listed,baseline").split(",") as ("listed" | "baseline")[];
  for (const mode of modes) {
    const suffix = `${mode}${String(Date.now() % 100_000)}`;
    const tables = {
      TABLE_DESIRED: `benchdes${suffix}`,
      TABLE_REPORTS: `benchrep${suffix}`,
      TABLE_STATE: `benchst${suffix}`,
    };
    const desired = new TableDesiredStateStore(
      createTableClientFactory({ kind: "connection-string", connectionString: azurite.connectionString }),
      tables.TABLE_DESIRED,
      systemClock,
    );
    process.stderr.write(`… ${mode}: writing desired states\n`);
    for (let i = 0; i < raws.length; i += DESIRED_EVERY) {
      const live = normalizeProfile(raws[i]);
      await desired.create(
        `${live.key.subscriptionId}/${live.key.resourceGroup}/${live.key.profileName}`.toLowerCase(),
        desiredFromLive(live) as DesiredState,
        "bench",
      );
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      ...(process.env.BENCH_VERBOSE ? { BENCH_VERBOSE: "1" } : {}),
      NODE_EXTRA_CA_CERTS: caFile,
      IDENTITY_ENDPOINT: idp.endpoint,
      IDENTITY_HEADER: idp.header,
      ARM_ENDPOINT: arm.url,
      DNS_RESOLVERS: dns.address,
      TM_WATCH: Array.from({ length: SUBS }, (_, s) => `/subscriptions/${subscription(s)}`).join(","),
      AzureWebJobsStorage: azurite.connectionString,
      AUDIT_QUEUE: `bench-${suffix}`,
      PROBE_ENABLED: "true",
      ...tables,
    };
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      arm.requests.length = 0;
      process.stderr.write(`… ${mode} cycle ${String(cycle)}\n`);
      const cpuBefore = process.cpuUsage();
      const worker = await runWorker(mode, env);
      const standIns = process.cpuUsage(cpuBefore);
      const f: CycleFigures = {
        ...worker,
        standInCpuMs: (standIns.user + standIns.system) / 1000,
        armList: arm.requests.filter((r) => /trafficmanagerprofiles$/i.test(r.path)).length,
        armGet: arm.requests.filter((r) => !/trafficmanagerprofiles$/i.test(r.path)).length,
        table: worker.storage.table,
        queue: worker.storage.queue,
      };
      if (f.failed > 0)
        console.log(`warning: ${String(f.failed)} message(s) failed in ${mode} cycle ${String(cycle)}`);
      figures[`${mode}${String(cycle)}`] = f;
      results.push(
        row(`${mode === "listed" ? "listed snapshot" : "baseline (GET per profile)"} #${String(cycle)}`, f),
      );
    }
  }
  console.log("");
  printTable(results);
  console.log(
    "(worker CPU = user + system CPU time of the worker process, the one Flex instance; stand-ins CPU = the same " +
      "for this process, which runs Azurite, the ARM stand-in, the DNS server and the probe targets on the same cores)",
  );
  const now = figures[`listed${String(CYCLES)}`];
  const then = figures[`baseline${String(CYCLES)}`];
  if (now && then) printRatios(now, then);
  for (const [label, f] of Object.entries(figures)) printDetail(label, f);

  await Promise.allSettled([
    arm.close(),
    idp.close(),
    dns.close(),
    ...targets.servers.map((s) => new Promise((r) => s.close(r))),
  ]);
  await azurite.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
