import { orderEndpoints } from "./failover-order.js";
import { SEVERITY_RANK, type Finding } from "./finding.js";
import type { LiveProfile } from "./profile.js";
import type { DnsAnswer, Report } from "./report.js";

export type { DnsAnswer } from "./report.js";

/** Raw lookup of the profile's fqdn; `targetAddresses` are the A/AAAA of FQDN endpoint targets. */
export interface DnsTruthInput {
  names: string[];
  addresses: string[];
  /** Addresses of each endpoint's FQDN target, by endpoint name (only needed when no name matched). */
  targetAddresses?: ReadonlyMap<string, readonly string[]>;
  resolvedAt: Date;
}

export function canonicalName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * The endpoint a DNS answer names: a CNAME in the chain equal to an endpoint's target, else an
 * address equal to an IP target or to an address of an endpoint's target.
 */
export function matchAnswerEndpoint(profile: LiveProfile, input: DnsTruthInput): string | null {
  const names = new Set(input.names.map(canonicalName));
  const addresses = new Set(input.addresses.map((a) => a.toLowerCase()));
  // Priority order, enabled first: when several endpoints share an answered address (one host
  // behind two endpoints), the one Traffic Manager would hand out is the one it names.
  const withTarget = orderEndpoints(profile.endpoints)
    .filter((e) => e.target !== undefined)
    .sort((a, b) => Number(b.enabled) - Number(a.enabled));
  const byName = withTarget.find((e) => names.has(canonicalName(e.target!)));
  if (byName) return byName.name;
  const byIp = withTarget.find((e) => addresses.has(e.target!.toLowerCase()));
  if (byIp) return byIp.name;
  const byResolved = withTarget.find((e) =>
    (input.targetAddresses?.get(e.name) ?? []).some((a) => addresses.has(a.toLowerCase())),
  );
  return byResolved?.name ?? null;
}

export function dnsAnswerOf(profile: LiveProfile, input: DnsTruthInput): DnsAnswer {
  return {
    names: input.names,
    addresses: input.addresses,
    endpoint: matchAnswerEndpoint(profile, input),
    resolvedAt: input.resolvedAt.toISOString(),
  };
}

/** True when a report's DNS answer named a different endpoint than the one it computed as serving. */
export function answerDisagrees(report: Pick<Report, "dnsAnswer" | "servingEndpoint">): boolean {
  const named = report.dnsAnswer?.endpoint ?? null;
  return named !== null && report.servingEndpoint !== null && named !== report.servingEndpoint;
}

/**
 * DNS_ANSWER_DISAGREES for one cycle. A different endpoint than the computed serving one is
 * info the first time (Traffic Manager's name servers may still be propagating a change) and a
 * warning when the previous report disagreed as well; an answer that names no endpoint is info.
 */
export function dnsAnswerFindings(
  answer: DnsAnswer,
  servingEndpoint: string | null,
  previous: Pick<Report, "dnsAnswer" | "servingEndpoint"> | undefined,
  fqdn: string,
): Finding[] {
  if (answer.error !== undefined) return [];
  const said = [...answer.names, ...answer.addresses].join(", ") || "nothing";
  if (answer.endpoint === null) {
    if (answer.names.length === 0 && answer.addresses.length === 0) return [];
    return [
      {
        code: "DNS_ANSWER_DISAGREES",
        severity: "info",
        message: `${fqdn} answered ${said}, which matches no endpoint of the profile.`,
        expected: servingEndpoint,
        actual: { names: answer.names, addresses: answer.addresses },
      },
    ];
  }
  if (servingEndpoint === null || answer.endpoint === servingEndpoint) return [];
  const persists = previous !== undefined && answerDisagrees(previous);
  return [
    {
      code: "DNS_ANSWER_DISAGREES",
      severity: persists ? "warning" : "info",
      endpoint: answer.endpoint,
      message: persists
        ? `${fqdn} still answers with ${answer.endpoint}, not the serving endpoint ${servingEndpoint}, for a second cycle.`
        : `${fqdn} answers with ${answer.endpoint}, not the serving endpoint ${servingEndpoint} (a change may still be propagating).`,
      expected: servingEndpoint,
      actual: answer.endpoint,
    },
  ];
}

/**
 * Worst-case seconds from the primary failing to clients resolving the standby:
 * (toleratedNumberOfFailures + 1) × interval + timeout + TTL. Undefined without monitor or TTL.
 */
export function failoverBoundSeconds(profile: LiveProfile): number | undefined {
  const m = profile.monitor;
  const ttl = profile.dns.ttl;
  if (m === undefined || ttl === undefined) return undefined;
  return (m.toleratedNumberOfFailures + 1) * m.intervalInSeconds + m.timeoutInSeconds + ttl;
}

export function failoverSpeedFindings(
  bound: number | undefined,
  maxFailoverSeconds: number | undefined,
): Finding[] {
  if (bound === undefined || maxFailoverSeconds === undefined || bound <= maxFailoverSeconds) return [];
  return [
    {
      code: "FAILOVER_TOO_SLOW",
      severity: "warning",
      message: `Failover can take up to ${bound} s ((tolerated failures + 1) × interval + timeout + TTL), more than the ${maxFailoverSeconds} s the desired state allows; lower the TTL, interval or tolerated failures.`,
      expected: maxFailoverSeconds,
      actual: bound,
    },
  ];
}

export interface DnsTruthAddition {
  answer?: DnsAnswer;
  previous?: Pick<Report, "dnsAnswer" | "servingEndpoint">;
  maxFailoverSeconds?: number;
  profile: LiveProfile;
}

/** The report with `dnsAnswer`, `failoverBoundSeconds` and their findings added, most severe first. */
export function withDnsTruth(report: Report, add: DnsTruthAddition): Report {
  const bound = failoverBoundSeconds(add.profile);
  const findings = [
    ...report.findings,
    ...(add.answer && report.fqdn !== undefined
      ? dnsAnswerFindings(add.answer, report.servingEndpoint, add.previous, report.fqdn)
      : []),
    ...failoverSpeedFindings(bound, add.maxFailoverSeconds),
  ].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return {
    ...report,
    ...(add.answer ? { dnsAnswer: add.answer } : {}),
    ...(bound !== undefined ? { failoverBoundSeconds: bound } : {}),
    findings,
  };
}
