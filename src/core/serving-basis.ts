import type { LiveProfile } from "./profile.js";
import type { ServingBasis } from "./report.js";

/**
 * The one rule for which statuses decide the serving endpoint, used by `check`, `audit --once`,
 * `serve` and the timer alike: the configured basis (`SERVING_BASIS`, `check --basis`) when one
 * is set; else Traffic Manager's statuses when the profile carries live ones, and our probes when
 * it carries none (an export or hand-written file, or endpoints Traffic Manager is still checking),
 * since then there is nothing of Traffic Manager's to follow. Without probe verdicts it is always
 * Traffic Manager (see auditOneProfile).
 */
export function defaultServingBasis(
  profile: Pick<LiveProfile, "endpoints">,
  configured?: ServingBasis,
): ServingBasis {
  if (configured !== undefined) return configured;
  const hasLiveStatus = profile.endpoints.some(
    (e) => e.monitorStatus !== undefined && e.monitorStatus !== "CheckingEndpoint",
  );
  return hasLiveStatus ? "traffic-manager" : "probes";
}
