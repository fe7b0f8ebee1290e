import type { Finding } from "./finding.js";

export interface CnameCheck {
  /** The vanity domain from the desired state. */
  domain: string;
  /** Names visited, starting with `domain`, when the lookup worked. */
  chain?: string[];
  /** Why the lookup failed (timeout, SERVFAIL), when it did. */
  error?: string;
}

function canonical(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * DNS_CNAME_DRIFT for every vanity domain whose CNAME chain does not reach the profile's
 * Traffic Manager name. Reaching it anywhere in the chain counts: resolvers follow Traffic
 * Manager's own answer on to the endpoint.
 */
export function cnameFindings(fqdn: string | undefined, checks: readonly CnameCheck[]): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    if (check.error !== undefined) {
      findings.push({
        code: "DNS_CNAME_DRIFT",
        severity: "warning",
        message: `Could not resolve the CNAME chain of ${check.domain}: ${check.error}.`,
        expected: fqdn ?? null,
        actual: { domain: check.domain, error: check.error },
      });
      continue;
    }
    const chain = check.chain ?? [check.domain];
    if (fqdn !== undefined && chain.some((n) => canonical(n) === canonical(fqdn))) continue;
    findings.push({
      code: "DNS_CNAME_DRIFT",
      severity: "critical",
      message:
        fqdn === undefined
          ? `${check.domain} cannot be checked: the profile has no Traffic Manager DNS name.`
          : `${check.domain} does not lead to ${fqdn}: its CNAME chain is ${chain.join(" -> ")}.`,
      expected: fqdn ?? null,
      actual: { domain: check.domain, chain },
    });
  }
  return findings;
}
