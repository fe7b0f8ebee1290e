import type { DesiredState } from "./desired-state.js";
import { driftFindings } from "./drift-findings.js";
import { SEVERITY_RANK, type Finding } from "./finding.js";
import { healthFindings } from "./health-findings.js";
import { monitorConfigFindings } from "./monitor-config-findings.js";
import { nestedStatusFindings } from "./nested-status-findings.js";
import { notProbedReason } from "./probe-target.js";
import { deriveProfileMonitorStatus } from "./monitor-status.js";
import type { LiveProfile } from "./profile.js";
import { formatProfileKey, parseProfileKey, profileIdFromKey } from "./profile-key.js";
import type { ProbeVerdict, Report, ReportEndpoint, ServingBasis } from "./report.js";
import { computeServing } from "./serving-endpoint.js";

export interface AssessInput {
  profile: LiveProfile;
  /** Every profile read in the same pass, by lower-case ARM ID (nested children). */
  related: ReadonlyMap<string, LiveProfile>;
  /** Undefined when nobody stored one: NO_DESIRED_STATE, drift is not checked. */
  desired?: DesiredState | undefined;
  basis: ServingBasis;
  /** Our probe verdicts by endpoint name, when probing ran. */
  verdicts?: ReadonlyMap<string, ProbeVerdict> | undefined;
  /** Findings computed elsewhere (probes, DNS, alert delivery), added as they are. */
  extraFindings?: readonly Finding[];
  now: Date;
}

/** Most severe first; stable within a severity so output order is deterministic. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

/** Builds the audit report of one profile: serving endpoint, endpoints, every finding. */
export function assessProfile(input: AssessInput): Report {
  const { profile, desired } = input;
  const serving = computeServing(profile, {
    related: input.related,
    basis: input.basis,
    ...(input.verdicts ? { verdicts: input.verdicts } : {}),
  });
  const findings: Finding[] = healthFindings(profile, serving, desired);
  if (desired) {
    findings.push(...driftFindings(profile, desired));
  } else {
    findings.push({
      code: "NO_DESIRED_STATE",
      severity: "info",
      message: `No desired state is stored for this profile, so order and configuration drift are not checked; store one (or adopt the live order).`,
    });
  }
  findings.push(...nestedStatusFindings(serving.ordered));
  findings.push(...monitorConfigFindings(profile));
  findings.push(...(input.extraFindings ?? []));

  const endpoints = serving.ordered.map((a): ReportEndpoint => {
    const e: ReportEndpoint = {
      name: a.endpoint.name,
      type: a.endpoint.type,
      priority: a.endpoint.priority ?? null,
      enabled: a.endpoint.enabled,
      alwaysServe: a.endpoint.alwaysServe,
      tmStatus: a.tmStatus ?? null,
    };
    if (a.endpoint.target !== undefined) e.target = a.endpoint.target;
    if (a.verdict) e.probe = a.verdict;
    if (a.derivedTmStatus !== undefined) e.derivedTmStatus = a.derivedTmStatus;
    const skipped = input.verdicts && !a.verdict ? notProbedReason(a.endpoint) : undefined;
    if (skipped !== undefined) e.notProbed = skipped;
    return e;
  });

  const report: Report = {
    profile: formatProfileKey(profile.key),
    profileId: profile.id,
    generatedAt: input.now.toISOString(),
    routingMethod: profile.routingMethod,
    profileStatus: profile.profileStatus,
    derivedMonitorStatus: deriveProfileMonitorStatus(
      profile.profileStatus,
      serving.ordered.map((a) => a.tmStatus),
    ),
    servingEndpoint: serving.servingEndpoint,
    servingBasis: input.basis,
    liveOrder: serving.ordered.map((a) => a.endpoint.name),
    endpoints,
    findings: bySeverity(findings),
  };
  if (profile.dns.fqdn !== undefined) report.fqdn = profile.dns.fqdn;
  if (profile.monitor?.profileMonitorStatus !== undefined) {
    report.profileMonitorStatus = profile.monitor.profileMonitorStatus;
  }
  if (desired) report.desiredOrder = desired.endpoints.map((e) => e.name);
  return report;
}

/**
 * The report of an audit that could not read what it needed. It carries a critical AUDIT_ERROR
 * and no serving endpoint, so a failed read can never look like "no drift".
 */
export function auditErrorReport(profileOrScope: string, message: string, now: Date): Report {
  const key = parseProfileKey(profileOrScope);
  return {
    profile: key ? formatProfileKey(key) : profileOrScope,
    profileId: key ? profileIdFromKey(key) : "",
    generatedAt: now.toISOString(),
    routingMethod: "Unknown",
    profileStatus: "Unknown",
    derivedMonitorStatus: "Unknown",
    servingEndpoint: null,
    servingBasis: "traffic-manager",
    liveOrder: [],
    endpoints: [],
    findings: [{ code: "AUDIT_ERROR", severity: "critical", message }],
  };
}
