import { certificateFindings, DEFAULT_CERTIFICATE_POLICY } from "./certificate-findings.js";
import { clientNames } from "./certificate-names.js";
import type { Finding, Severity } from "./finding.js";
import { describeExpectedStatus } from "./probe-status.js";
import type { Endpoint, LiveProfile } from "./profile.js";
import type { ProbeVerdict } from "./report.js";

/** Statuses that come from Traffic Manager's own health checks, so they can be compared with ours. */
const MONITORED_TM_STATUSES = new Set(["online", "degraded"]);

export interface ProbeFindingOptions {
  /** CERT_EXPIRING warning at this many days left or fewer. */
  certWarningDays: number;
  /** CERT_EXPIRING critical at this many days left or fewer (default 7). */
  certCriticalDays?: number | undefined;
  /** Desired vanity domains: names clients use that every certificate must cover. */
  vanityDomains?: readonly string[] | undefined;
}

/**
 * Findings from our probe verdicts: PROBE_FAILED for every failed probe, PROBE_DISAGREES_WITH_TM
 * when our verdict contradicts Traffic Manager's status, CERT_EXPIRING / CERT_NAME_MISMATCH
 * from the recorded certificate (certificate-findings.ts). Endpoints without a verdict (nested, not probed) produce nothing.
 */
export function probeFindings(
  profile: LiveProfile,
  verdicts: ReadonlyMap<string, ProbeVerdict>,
  options: ProbeFindingOptions,
): Finding[] {
  const findings: Finding[] = [];
  const tolerated = profile.monitor?.toleratedNumberOfFailures ?? 0;
  const expected = describeExpectedStatus(profile.monitor?.expectedStatusCodeRanges ?? []);
  for (const endpoint of profile.endpoints) {
    const verdict = verdicts.get(endpoint.name);
    if (verdict === undefined) continue;
    if (!verdict.last.healthy) findings.push(probeFailed(endpoint, verdict, tolerated, expected));
    const disagreement = disagreementWithTm(endpoint, verdict);
    if (disagreement) findings.push(disagreement);
    findings.push(
      ...certificateFindings({
        endpoint: endpoint.name,
        certificate: verdict.last.certificate,
        unreadable: verdict.last.certificateError,
        names: clientNames(profile, endpoint, options.vanityDomains ?? []),
        policy: {
          warnDays: options.certWarningDays,
          criticalDays: options.certCriticalDays ?? DEFAULT_CERTIFICATE_POLICY.criticalDays,
        },
      }),
    );
  }
  return findings;
}

function probeFailed(
  endpoint: Endpoint,
  verdict: ProbeVerdict,
  tolerated: number,
  expected: string,
): Finding {
  const last = verdict.last;
  // A failure within the tolerated count (or of an endpoint nobody routes to) is worth knowing, not acting on.
  const severity: Severity = verdict.status === "Degraded" && endpoint.enabled ? "warning" : "info";
  const what = last.status === undefined ? last.kind : `${last.kind} ${last.status}`;
  return {
    code: "PROBE_FAILED",
    severity,
    endpoint: endpoint.name,
    message:
      `Probe of ${last.url} failed (${what}${last.detail ? `: ${last.detail}` : ""}) after ${last.latencyMs} ms; ` +
      `${verdict.consecutiveFailures} consecutive failure(s), ${tolerated} tolerated, our verdict ${verdict.status}.`,
    expected: last.protocol === "TCP" ? "connection accepted" : `status ${expected}`,
    actual: {
      kind: last.kind,
      ...(last.status === undefined ? {} : { status: last.status }),
      latencyMs: last.latencyMs,
      consecutiveFailures: verdict.consecutiveFailures,
      verdict: verdict.status,
    },
  };
}

/**
 * Only Online and Degraded are Traffic Manager health-check results; Disabled, Stopped,
 * Unmonitored and CheckingEndpoint say nothing we could contradict. A failure still within the
 * tolerated count against TM's Online is an early sign (info); a settled contradiction warns.
 */
function disagreementWithTm(endpoint: Endpoint, verdict: ProbeVerdict): Finding | undefined {
  const tm = endpoint.monitorStatus;
  if (!endpoint.enabled || tm === undefined || !MONITORED_TM_STATUSES.has(tm.toLowerCase())) return undefined;
  const tmOnline = tm.toLowerCase() === "online";
  let severity: Severity | undefined;
  if (tmOnline && verdict.status === "Degraded") severity = "warning";
  else if (tmOnline && verdict.status === "Failing") severity = "info";
  else if (!tmOnline && verdict.status === "Online") severity = "warning";
  if (severity === undefined) return undefined;
  const seen = verdict.last.status === undefined ? verdict.last.kind : `status ${verdict.last.status}`;
  return {
    code: "PROBE_DISAGREES_WITH_TM",
    severity,
    endpoint: endpoint.name,
    message: `Traffic Manager reports ${endpoint.name} as ${tm}, but our probe sees it ${verdict.status} (${seen}).`,
    expected: tm,
    actual: verdict.status,
  };
}
