import type { ProbeTarget } from "../src/core/probe-target.js";

/** One measured cycle: N targets spread over the server ports, some of them hanging. */
export interface Scenario {
  label: string;
  n: number;
  delayMs: number;
  hangingShare: number;
  timeoutMs: number;
  concurrency: number;
  /** Node options of the worker process, e.g. the heap limit of the deployed instance size. */
  nodeArgs?: string[];
  /** Full-size cycles run before the measured one (a running instance's JIT-warm state). */
  warmCycles?: number;
  /** Skip blackbox_exporter (a row that only changes our process's settings). */
  oursOnly?: boolean;
}

export interface CycleFigures {
  wallMs: number;
  /** Peak RSS of the probing process, MiB (our prober only). */
  peakRssMiB?: number;
  up: number;
  failed: number;
  kinds: Record<string, number>;
}

/** Target i: port i mod P, path /d/{delay}/{i}, or /hang/{i} for the hanging share (spread evenly). */
export function benchPaths(s: Scenario, ports: readonly number[]): { port: number; path: string }[] {
  const every = s.hangingShare > 0 ? Math.round(1 / s.hangingShare) : 0;
  return Array.from({ length: s.n }, (_, i) => ({
    port: ports[i % ports.length] ?? 0,
    path: every > 0 && i % every === 0 ? `/hang/${i}` : `/d/${s.delayMs}/${i}`,
  }));
}

export function benchTargets(s: Scenario, ports: readonly number[]): ProbeTarget[] {
  return benchPaths(s, ports).map(({ port, path }, i) => ({
    endpoint: `ep-${i}`,
    protocol: "HTTP",
    host: "127.0.0.1",
    port,
    path,
    hostHeader: "127.0.0.1",
    headers: [],
    expectedStatusCodeRanges: [],
    timeoutMs: s.timeoutMs,
  }));
}
