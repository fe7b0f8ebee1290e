import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { BLACKBOX_INSTALL, findBlackbox, startBlackbox } from "./blackbox.js";
import { serveBenchEndpoints } from "./bench-server.js";
import type { CycleFigures, Scenario } from "./bench-scenario.js";
import { runWorker } from "./bench-worker.js";

/**
 * `npm run bench`: one probe cycle over N loopback endpoints (100 ms answers), then a cycle with
 * 5 % hanging endpoints, each run by our prober in a fresh process and by blackbox_exporter.
 * Settings: BENCH_PORTS (server ports, default 50), BENCH_CONCURRENCY (default 1000, the
 * PROBE_CONCURRENCY default), BENCH_SIZES (default 100,1000,10000).
 */
const SELF = fileURLToPath(import.meta.url);
const PORTS = Number(process.env.BENCH_PORTS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1000);
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
const DELAY_MS = 100;

/** Starts `node probe-bench.js <args>` and returns its first stdout line plus the child. */
async function startChild(args: string[]): Promise<{ line: string; kill(): void; done: Promise<void> }> {
  const child = spawn(process.execPath, [SELF, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench child ${args[0]} exited with ${code}`)));
  });
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { line, kill: () => child.kill("SIGTERM"), done };
}

async function ours(scenario: Scenario, ports: number[]): Promise<CycleFigures> {
  const child = await startChild(["--worker", JSON.stringify({ scenario, ports })]);
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
  const server = await startChild(["--serve", String(PORTS)]);
  const ports = JSON.parse(server.line) as number[];
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
        `${s.label.padEnd(20)} ours: wall ${fmt(our.wallMs)} (${vs}), peak RSS ${our.peakRssMiB?.toFixed(1)} MiB [${summary(our)}]`,
      );
      if (blackbox) {
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

const [mode, arg] = process.argv.slice(2);
if (mode === "--serve") {
  const { ports } = await serveBenchEndpoints(Number(arg));
  process.stdout.write(`${JSON.stringify(ports)}\n`);
} else if (mode === "--worker") {
  const { scenario, ports } = JSON.parse(arg ?? "{}") as { scenario: Scenario; ports: number[] };
  await runWorker(scenario, ports);
} else {
  await main();
}
