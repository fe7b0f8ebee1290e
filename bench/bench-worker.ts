import { performance } from "node:perf_hooks";
import process from "node:process";
import { createEndpointProber } from "../src/adapters/probe/create-prober.js";
import { benchTargets, type CycleFigures, type Scenario } from "./bench-scenario.js";

/**
 * Runs one scenario with our prober in a fresh process (so peak RSS belongs to this scenario):
 * a 10-target warm-up (and `warmCycles` full cycles, if asked), then one measured cycle. Prints
 * the figures as one JSON line.
 */
export async function runWorker(scenario: Scenario, ports: number[]): Promise<void> {
  const prober = createEndpointProber({ concurrency: scenario.concurrency });
  await prober.probeAll(benchTargets({ ...scenario, n: 10, hangingShare: 0 }, ports));
  for (let i = 0; i < (scenario.warmCycles ?? 0); i++) await prober.probeAll(benchTargets(scenario, ports));
  const targets = benchTargets(scenario, ports);
  const started = performance.now();
  const results = await prober.probeAll(targets);
  const wallMs = performance.now() - started;
  const kinds: Record<string, number> = {};
  for (const r of results) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  const up = results.filter((r) => r.healthy).length;
  const figures: CycleFigures = {
    wallMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    up,
    failed: results.length - up,
    kinds,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
