import type { ProbeResult } from "../../core/probe-result.js";
import type { ProbeTarget } from "../../core/probe-target.js";

/**
 * Probes endpoints the way Traffic Manager does. Never throws for an unhealthy endpoint: every
 * target gets exactly one ProbeResult, in the same order, within about its own timeout.
 */
export interface EndpointProber {
  probeAll(targets: readonly ProbeTarget[]): Promise<ProbeResult[]>;
  close?(): Promise<void>;
}
