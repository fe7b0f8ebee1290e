import { execFileSync, spawn } from "node:child_process";
import { totalmem } from "node:os";
import { createInterface } from "node:readline";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import type { CycleFigures, Scenario } from "./bench-scenario.js";

/**
 * `npm run bench`: one probe cycle over N loopback endpoints (100 ms answers), then a cycle with
 * 5 % hanging endpoints, each run by our prober in a fresh process and by blackbox_exporter; plus
 * the 10,000-endpoint cycle again with the heap limit the deployed 2048 MB instance gives Node.
 * Settings: BENCH_PORTS (server ports, default 50), BENCH_CONCURRENCY (default 1000, the
 * PROBE_CONCURRENCY default), BENCH_SIZES (default 100,1000,10000).
 */
const SELF = fileURLToPath(import.meta.url);
const PORTS = Number(process.env.BENCH_PORTS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1000);
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
const DELAY_MS = 100;
/** The V8 heap limit Node picks inside a 2048 MB instance (measured in a 2 GiB cgroup: ~1 GiB). */
const DEPLOYED_HEAP_MB = 1024;

/** Starts `node probe-bench.js <args>` and returns its first stdout line plus the child. */
async function startChild(
  args: string[],
  nodeArgs: string[] = [],
): Promise<{ line: string; kill(): void; done: Promise<void> }> {
  const child = spawn(process.execPath, [...nodeArgs, SELF, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench child ${args[0]} exited with ${code}`)));
  });
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { line, kill: () => child.kill("SIGTERM"), done };
}

async function ours(scenario: Scenario, ports: number[]): Promise<CycleFigures> {
  const child = await startChild(["--worker", JSON.stringify({ scenario, ports })], scenario.nodeArgs);
  await child.done;
  return JSON.parse(child.line) as CycleFigures;
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

function summary(f: CycleFigures): string {
  return Object.entries(f.kinds)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

async function main(): Promise<void> {
  const ulimit = execFileSync("sh", ["-c", "ulimit -n"]).toString().trim();
  console.log(`tm-sentinel probe bench — node ${process.version}, ${process.platform}, ulimit -n ${ulimit}`);
  console.log(
    `inputs: endpoints = ${PORTS} HTTP servers on 127.0.0.1 (one child process), targets spread over them by path; ` +
      `answer delay ${DELAY_MS} ms; concurrency ${CONCURRENCY}; fresh connection per probe`,
  );
  // Peak RSS depends on it: V8 lets garbage grow to a multiple of the live heap before a full GC,
  // and that multiple is larger when the limit (picked from the machine's or cgroup's memory) is.
  const mib = (b: number): string => (b / 1048576).toFixed(0);
  const cgroup = process.constrainedMemory();
  const available = cgroup > 0 && cgroup < totalmem() ? cgroup : totalmem();
  console.log(
    `memory: ${mib(totalmem())} MiB total, ${mib(available)} MiB for this process; ` +
      `V8 heap limit ${mib(getHeapStatistics().heap_size_limit)} MiB (workers inherit it)`,
  );
  const server = await startChild(["--serve", String(PORTS)]);
  const ports = JSON.parse(server.line) as number[];
  const { BLACKBOX_INSTALL, findBlackbox, startBlackbox } = await import("./blackbox.js");
  const binary = findBlackbox();
  if (!binary) console.log(`blackbox_exporter not found: install it with \`${BLACKBOX_INSTALL}\` and rerun`);
  const blackbox = binary ? await startBlackbox(binary, [10_000, 2_000]) : undefined;

  const scenarios: Scenario[] = [
    ...SIZES.map((n) => ({
      label: `N=${n}`,
      n,
      delayMs: DELAY_MS,
      hangingShare: 0,
      timeoutMs: 10_000,
      concurrency: CONCURRENCY,
    })),
    ...(SIZES.includes(10_000) && CONCURRENCY < 10_000
      ? [
          {
            label: "N=10000 cap 10000",
            n: 10_000,
            delayMs: DELAY_MS,
            hangingShare: 0,
            timeoutMs: 10_000,
            concurrency: 10_000,
          },
        ]
      : []),
    // A function instance runs a cycle every few minutes, so after its first cycle the code is warm.
    ...(SIZES.includes(1000)
      ? [
          {
            label: "N=1000 2nd cycle",
            n: 1000,
            delayMs: DELAY_MS,
            hangingShare: 0,
            timeoutMs: 10_000,
            concurrency: CONCURRENCY,
            warmCycles: 1,
            oursOnly: true,
          },
        ]
      : []),
    // The function app runs on 2048 MB Flex Consumption instances (infra/app/api.bicep), where Node
    // sizes its heap from the instance's memory (about 1 GiB) instead of this machine's. V8 lets
    // garbage grow to a multiple of the live heap before collecting, so peak RSS depends on it.
    ...(SIZES.includes(10_000)
      ? [
          {
            label: "N=10000 @2GB inst.",
            n: 10_000,
            delayMs: DELAY_MS,
            hangingShare: 0,
            timeoutMs: 10_000,
            concurrency: CONCURRENCY,
            nodeArgs: [`--max-old-space-size=${DEPLOYED_HEAP_MB}`],
            oursOnly: true,
          },
        ]
      : []),
    {
      label: "N=1000, 5 % hang",
      n: 1000,
      delayMs: DELAY_MS,
      hangingShare: 0.05,
      timeoutMs: 2000,
      concurrency: CONCURRENCY,
    },
  ];
  try {
    for (const s of scenarios) {
      const floor = s.hangingShare > 0 ? s.timeoutMs : s.delayMs;
      const our = await ours(s, ports);
      const vs =
        s.hangingShare > 0
          ? `timeout ${fmt(floor)}, wall - timeout = ${fmt(our.wallMs - floor)}`
          : `floor ${fmt(floor)}, ratio ${(our.wallMs / floor).toFixed(2)}`;
      console.log(
        `${s.label.padEnd(20)} ours: wall ${fmt(our.wallMs)} (${vs}), peak RSS ${our.peakRssMiB?.toFixed(1)} MiB (${((our.peakRssMiB ?? 0) * 1.048576).toFixed(0)} MB) [${summary(our)}]`,
      );
      if (s.nodeArgs) console.log(`${"".padEnd(20)} (worker run with ${s.nodeArgs.join(" ")})`);
      if (s.warmCycles)
        console.log(`${"".padEnd(20)} (after ${s.warmCycles} full cycle(s) in the same process)`);
      if (blackbox && !s.oursOnly) {
        const bb = await blackbox.run(s, ports);
        console.log(
          `${"".padEnd(20)} blackbox_exporter: wall ${fmt(bb.wallMs)} [${summary(bb)}]; ours/blackbox = ${(our.wallMs / bb.wallMs).toFixed(2)}`,
        );
      }
    }
  } finally {
    blackbox?.stop();
    server.kill();
  }
}

// Each mode imports only what it runs: the worker's peak RSS is meant to measure the prober, not
// node:http (the bench server) or the blackbox driver (about 2.5 MiB more when imported statically).
const [mode, arg] = process.argv.slice(2);
if (mode === "--serve") {
  const { serveBenchEndpoints } = await import("./bench-server.js");
  const { ports } = await serveBenchEndpoints(Number(arg));
  process.stdout.write(`${JSON.stringify(ports)}\n`);
} else if (mode === "--worker") {
  const { scenario, ports } = JSON.parse(arg ?? "{}") as { scenario: Scenario; ports: number[] };
  const { runWorker } = await import("./bench-worker.js");
  await runWorker(scenario, ports);
} else {
  await main();
}
