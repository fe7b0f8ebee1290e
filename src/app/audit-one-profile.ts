import { assessProfile } from "../core/assess-profile.js";
import type { DesiredState } from "../core/desired-state.js";
import { cnameFindings } from "../core/dns-findings.js";
import type { Finding } from "../core/finding.js";
import { probeFindings } from "../core/probe-findings.js";
import { defaultServingBasis } from "../core/serving-basis.js";
import { buildProbeTargets } from "../core/probe-target.js";
import { applyProbeResults } from "../core/probe-verdict.js";
import type { LiveProfile } from "../core/profile.js";
import { formatProfileKey } from "../core/profile-key.js";
import type { ProbeVerdict, Report } from "../core/report.js";
import { withDnsTruth } from "../core/dns-truth.js";
import { resolveDnsAnswer } from "./dns-truth-check.js";
import { DRILL_HISTORY, drillFindings } from "./drills/drill-findings.js";
import { describeError } from "./errors.js";
import type { AuditDeps, AuditOptions } from "./audit-types.js";
import { recordProbes } from "./telemetry/telemetry.js";

/**
 * The audit of one profile: probe its endpoints (all at once), apply tolerated failures with the
 * stored counters, check vanity-domain CNAMEs (a lookup error is a finding), collect alert-delivery
 * findings, then build the report. Throws only when a port throws; the caller turns that into
 * an AUDIT_ERROR report.
 */
export async function auditOneProfile(
  deps: AuditDeps,
  profile: LiveProfile,
  related: ReadonlyMap<string, LiveProfile>,
  desired: DesiredState | undefined,
  options: AuditOptions,
  extra: Finding[],
): Promise<Report> {
  const key = formatProfileKey(profile.key);
  const findings = [...extra];
  let verdicts: Map<string, ProbeVerdict> | undefined;
  const targets = options.probe && deps.prober ? buildProbeTargets(profile) : [];
  if (deps.prober && targets.length > 0) {
    const results = await deps.prober.probeAll(targets);
    recordProbes(key, results);
    const previous = await deps.probeState.load(key);
    const tolerated = profile.monitor?.toleratedNumberOfFailures ?? 3;
    const applied = applyProbeResults(previous, results, tolerated);
    await deps.probeState.save(key, applied.counters);
    verdicts = applied.verdicts;
    findings.push(
      ...probeFindings(profile, verdicts, {
        certWarningDays: options.certWarningDays,
        certCriticalDays: options.certCriticalDays,
        vanityDomains: desired?.vanityDomains,
      }),
    );
  }
  const domains = desired?.vanityDomains ?? [];
  if (options.checkDns && deps.dns && domains.length > 0) {
    const dns = deps.dns;
    const checks = await Promise.all(
      domains.map(async (domain) => {
        try {
          return { domain, chain: await dns.resolveCnameChain(domain) };
        } catch (e: unknown) {
          return { domain, error: describeError(e) };
        }
      }),
    );
    findings.push(...cnameFindings(profile.dns.fqdn, checks));
  }
  if (deps.alerts) findings.push(...(await deps.alerts.deliveryFindings(key)));
  if (deps.drills)
    findings.push(...drillFindings(await deps.drills.list(key, DRILL_HISTORY), deps.clock.now()));
  const answer =
    options.checkDns && deps.dns ? await resolveDnsAnswer(deps.dns, deps.clock, profile) : undefined;
  // The previous report tells a first-cycle disagreement (propagation) from a persisting one.
  const previous = answer && deps.reports ? await deps.reports.latest(key) : undefined;
  const report = assessProfile({
    profile,
    related,
    desired,
    // Without verdicts the serving endpoint comes from Traffic Manager alone: say so in the report.
    basis: verdicts ? defaultServingBasis(profile, options.basis) : "traffic-manager",
    verdicts,
    extraFindings: findings,
    now: deps.clock.now(),
  });
  const truthful = withDnsTruth(report, {
    profile,
    ...(answer ? { answer } : {}),
    ...(previous ? { previous } : {}),
    ...(desired?.maxFailoverSeconds !== undefined ? { maxFailoverSeconds: desired.maxFailoverSeconds } : {}),
  });
  if (deps.reconcile && desired?.reconcile !== undefined && desired.reconcile !== "off")
    return deps.reconcile({ profile, related, desired, verdicts, report: truthful });
  return truthful;
}
