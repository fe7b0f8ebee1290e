import type { Finding } from "./finding.js";
import type { EndpointAssessment } from "./serving-endpoint.js";

/**
 * A nested endpoint whose status computed from its child profile differs from the status ARM
 * reported: routing follows ARM (that is what Traffic Manager serves from), and the difference is
 * named, since it means the child changed and the parent has not caught up yet, or our reading of
 * the child's roll-up rules is off (docs/audit-rules.md, Serving endpoint).
 */
export function nestedStatusFindings(ordered: readonly EndpointAssessment[]): Finding[] {
  return ordered.flatMap((a): Finding[] =>
    a.derivedTmStatus === undefined
      ? []
      : [
          {
            code: "NESTED_STATUS_DIFFERS",
            severity: "info",
            endpoint: a.endpoint.name,
            message: `ARM reports nested endpoint "${a.endpoint.name}" as ${a.tmStatus ?? "unknown"}, but its child profile's endpoints make it ${a.derivedTmStatus}; the audit follows ARM. If this persists, check the child profile and minChildEndpoints.`,
            expected: a.derivedTmStatus,
            actual: a.tmStatus ?? null,
          },
        ],
  );
}
