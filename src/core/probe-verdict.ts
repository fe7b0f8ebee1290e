import type { ProbeCounters, ProbeResult } from "./probe-result.js";
import type { ProbeVerdict } from "./report.js";

/**
 * Applies one cycle of probe results to the consecutive-failure counters (docs/audit-rules.md): a
 * success resets the counter, and an endpoint is Degraded only once its consecutive failures
 * exceed `toleratedNumberOfFailures` (0 means the first failure). Counters of endpoints not
 * probed this cycle are dropped, so a removed endpoint starts fresh if it comes back.
 */
export function applyProbeResults(
  previous: ProbeCounters,
  results: readonly ProbeResult[],
  toleratedNumberOfFailures: number,
): { verdicts: Map<string, ProbeVerdict>; counters: ProbeCounters } {
  const verdicts = new Map<string, ProbeVerdict>();
  // Endpoint names are user-supplied ("__proto__" is a valid ARM name): a Map, then own properties.
  const counters = new Map<string, { consecutiveFailures: number }>();
  for (const result of results) {
    const before = Object.hasOwn(previous, result.endpoint)
      ? (previous[result.endpoint]?.consecutiveFailures ?? 0)
      : 0;
    const consecutiveFailures = result.healthy ? 0 : before + 1;
    const status: ProbeVerdict["status"] = result.healthy
      ? "Online"
      : consecutiveFailures > toleratedNumberOfFailures
        ? "Degraded"
        : "Failing";
    counters.set(result.endpoint, { consecutiveFailures });
    verdicts.set(result.endpoint, { status, consecutiveFailures, last: result });
  }
  return { verdicts, counters: Object.fromEntries(counters) };
}
