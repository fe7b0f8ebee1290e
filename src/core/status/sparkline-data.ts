import type { StatusSample } from "./status-history.js";

/** Hourly slots: enough to see an outage, small enough for 100 sparklines on one page. */
export const SPARK_BUCKETS = 24;

/** One endpoint's last 24 hours in SPARK_BUCKETS equal slots (oldest first). */
export interface SparkData {
  /** Percentage of audits in which the endpoint was up; null without audits. */
  availability: number | null;
  /** Median probe latency over the window, when probed. */
  medianMs: number | null;
  /** Per slot: null without audits, else the share up (0..1) and the slot's highest latency. */
  slots: ({ up: number; maxMs: number | null } | null)[];
}

/** `times`: the samples' parsed `at`, when the caller computes them once for several endpoints. */
export function sparkFor(
  endpoint: string,
  samples: readonly StatusSample[],
  now: Date,
  times: readonly number[] = samples.map((s) => Date.parse(s.at)),
): SparkData {
  const end = now.getTime();
  const start = end - 86_400_000;
  const width = 86_400_000 / SPARK_BUCKETS;
  const counts = Array.from({ length: SPARK_BUCKETS }, () => ({ n: 0, up: 0, maxMs: null as number | null }));
  const latencies: number[] = [];
  let n = 0;
  let up = 0;
  const name = endpoint.toLowerCase();
  for (const [i, s] of samples.entries()) {
    const t = times[i]!;
    if (t <= start || t > end) continue;
    const e = s.endpoints.find((x) => x.name.toLowerCase() === name);
    if (!e) continue;
    const slot = counts[Math.min(SPARK_BUCKETS - 1, Math.floor((t - start) / width))]!;
    slot.n += 1;
    n += 1;
    if (e.up) {
      slot.up += 1;
      up += 1;
    }
    if (e.ms !== undefined) {
      latencies.push(e.ms);
      slot.maxMs = Math.max(slot.maxMs ?? 0, e.ms);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    availability: n === 0 ? null : Math.round((up / n) * 1000) / 10,
    medianMs: latencies.length === 0 ? null : latencies[Math.floor(latencies.length / 2)]!,
    slots: counts.map((c) => (c.n === 0 ? null : { up: c.up / c.n, maxMs: c.maxMs })),
  };
}
