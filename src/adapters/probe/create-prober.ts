import pLimit from "p-limit";
import type { EndpointProber } from "../../app/ports/endpoint-prober.js";
import type { ProbeResult } from "../../core/probe-result.js";
import type { ProbeTarget } from "../../core/probe-target.js";
import { probeHttp } from "./http-probe.js";
import { probeTcp } from "./tcp-probe.js";

export interface EndpointProberOptions {
  /** Probes in flight at once, across every probeAll call of this prober. */
  concurrency: number;
  /** Time source for `at` and certificate expiry; the system clock by default. */
  now?: () => Date;
}

/**
 * Probes every target concurrently under one shared cap. Each probe has its own deadline, which
 * starts when it leaves the queue, so a cycle with hanging endpoints ends after about one timeout
 * (when the cap is not reached), not N × timeout.
 */
export function createEndpointProber(options: EndpointProberOptions): EndpointProber {
  const limit = pLimit(options.concurrency);
  const now = options.now ?? (() => new Date());
  const probeOne = (target: ProbeTarget): Promise<ProbeResult> =>
    target.protocol === "TCP" ? probeTcp(target, now) : probeHttp(target, now);
  return {
    probeAll(targets: readonly ProbeTarget[]): Promise<ProbeResult[]> {
      return Promise.all(targets.map((t) => limit(() => probeOne(t))));
    },
    close(): Promise<void> {
      limit.clearQueue();
      return Promise.resolve();
    },
  };
}
