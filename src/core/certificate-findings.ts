import { certificateNameCovers } from "./certificate-names.js";
import type { Finding } from "./finding.js";
import type { CertificateFacts } from "./probe-result.js";

/** When CERT_EXPIRING fires (docs/audit-rules.md): days left at or below each threshold. */
export interface CertificatePolicy {
  warnDays: number;
  criticalDays: number;
}

export const DEFAULT_CERTIFICATE_POLICY: CertificatePolicy = { warnDays: 21, criticalDays: 7 };

export interface CertificateCheck {
  endpoint: string;
  /** What the probe recorded; undefined when the endpoint presented nothing we could read. */
  certificate?: CertificateFacts | undefined;
  /** Why the presented certificate could not be parsed. */
  unreadable?: string | undefined;
  /** Names clients use (clientNames); empty: no name check. */
  names: readonly string[];
  policy: CertificatePolicy;
}

/**
 * Certificate findings of one endpoint. Traffic Manager never validates certificates, so these
 * never decide health: CERT_EXPIRING only for time left (warning, critical near or past expiry),
 * CERT_NAME_MISMATCH (warning, never critical) for names clients use that it does not cover, and
 * an unparseable certificate is reported (info), never dropped.
 */
export function certificateFindings(check: CertificateCheck): Finding[] {
  const { endpoint, certificate: cert, policy } = check;
  if (!cert) {
    if (check.unreadable === undefined) return [];
    return [
      {
        code: "CERT_EXPIRING",
        severity: "info",
        endpoint,
        message: `The certificate of ${endpoint} could not be parsed (${check.unreadable}), so its expiry and names are not checked.`,
      },
    ];
  }
  const findings: Finding[] = [];
  const who = `The certificate of ${endpoint} (${cert.subject}, issued by ${cert.issuer})`;
  const days = cert.daysToExpiry;
  if (days < 0 || days <= policy.warnDays) {
    const when = days < 0 ? `expired on ${cert.validTo}` : `expires in ${days} day(s), on ${cert.validTo}`;
    findings.push({
      code: "CERT_EXPIRING",
      severity: days < 0 || days <= policy.criticalDays ? "critical" : "warning",
      endpoint,
      message: `${who} ${when}; renew it (Traffic Manager keeps routing to it: it does not check certificates).`,
      expected: { daysToExpiryAbove: policy.warnDays },
      actual: { validTo: cert.validTo, daysToExpiry: days },
    });
  }
  if (cert.names !== undefined) {
    const covered = cert.names;
    const missing = check.names.filter((n) => !covered.some((c) => certificateNameCovers(c, n)));
    if (missing.length > 0) {
      findings.push({
        code: "CERT_NAME_MISMATCH",
        severity: "warning",
        endpoint,
        message: `${who} does not cover ${missing.join(", ")}, a name clients use; browsers will reject it there.`,
        expected: missing,
        actual: covered,
      });
    }
  }
  return findings;
}
