import { describe, expect, it } from "vitest";
import { probeFindings } from "../../src/core/probe-findings.js";
import type { CertificateFacts } from "../../src/core/probe-result.js";
import type { ProbeVerdict } from "../../src/core/report.js";
import {
  buildEndpoint,
  buildFailedProbe,
  buildLiveProfile,
  buildProbeResult,
  buildVerdict,
} from "../support/builders/probe.js";

const options = { certWarningDays: 14 };

function findingsFor(verdict: ProbeVerdict, endpoint = buildEndpoint()) {
  return probeFindings(
    buildLiveProfile({ endpoints: [endpoint] }),
    new Map([[endpoint.name, verdict]]),
    options,
  );
}

function cert(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: "CN=web-eastus.example.com",
    issuer: "CN=Example CA",
    validFrom: "2026-01-01T00:00:00.000Z",
    validTo: "2027-01-01T00:00:00.000Z",
    daysToExpiry: 90,
    trusted: true,
    hostnameMatches: true,
    selfSigned: false,
    ...overrides,
  };
}

describe("probeFindings", () => {
  it("finds nothing for a healthy endpoint that Traffic Manager also sees Online", () => {
    expect(findingsFor(buildVerdict())).toEqual([]);
  });

  it("raises PROBE_FAILED with kind, status and latency", () => {
    const verdict = buildVerdict({
      status: "Degraded",
      consecutiveFailures: 4,
      last: buildFailedProbe({ latencyMs: 42 }),
    });
    const failed = findingsFor(verdict).find((f) => f.code === "PROBE_FAILED");
    expect(failed).toMatchObject({
      severity: "warning",
      endpoint: "web-eastus",
      expected: "status 200",
      actual: {
        kind: "http-status",
        status: 503,
        latencyMs: 42,
        consecutiveFailures: 4,
        verdict: "Degraded",
      },
    });
  });

  it("keeps PROBE_FAILED at info while the failures are still tolerated", () => {
    const verdict = buildVerdict({ status: "Failing", consecutiveFailures: 1, last: buildFailedProbe() });
    expect(findingsFor(verdict).find((f) => f.code === "PROBE_FAILED")?.severity).toBe("info");
  });

  it("reports a probe failure without a status by its kind", () => {
    const last = buildFailedProbe({
      kind: "timeout",
      status: undefined,
      detail: "no answer within the timeout",
    });
    const failed = findingsFor(buildVerdict({ status: "Degraded", last })).find(
      (f) => f.code === "PROBE_FAILED",
    );
    expect(failed?.actual).not.toHaveProperty("status");
    expect(failed?.message).toContain("timeout");
  });

  it("warns when Traffic Manager says Online but we see the endpoint Degraded", () => {
    const verdict = buildVerdict({ status: "Degraded", consecutiveFailures: 4, last: buildFailedProbe() });
    expect(findingsFor(verdict).find((f) => f.code === "PROBE_DISAGREES_WITH_TM")).toMatchObject({
      severity: "warning",
      expected: "Online",
      actual: "Degraded",
    });
  });

  it("notes at info when Traffic Manager says Online and our probe fails within tolerance", () => {
    const verdict = buildVerdict({ status: "Failing", consecutiveFailures: 1, last: buildFailedProbe() });
    expect(findingsFor(verdict).find((f) => f.code === "PROBE_DISAGREES_WITH_TM")?.severity).toBe("info");
  });

  it("warns when Traffic Manager says Degraded but our probe succeeds", () => {
    const found = findingsFor(buildVerdict(), buildEndpoint({ monitorStatus: "Degraded" }));
    expect(found).toMatchObject([
      { code: "PROBE_DISAGREES_WITH_TM", expected: "Degraded", actual: "Online" },
    ]);
  });

  it("does not compare with statuses that are not health-check results", () => {
    const failing = buildVerdict({ status: "Degraded", last: buildFailedProbe() });
    for (const monitorStatus of ["Disabled", "Stopped", "Unmonitored", "CheckingEndpoint"]) {
      const found = findingsFor(failing, buildEndpoint({ monitorStatus }));
      expect(found.some((f) => f.code === "PROBE_DISAGREES_WITH_TM")).toBe(false);
    }
  });

  it("does not compare for disabled endpoints", () => {
    const found = findingsFor(
      buildVerdict({ status: "Degraded", last: buildFailedProbe() }),
      buildEndpoint({ enabled: false }),
    );
    expect(found.map((f) => [f.code, f.severity])).toEqual([["PROBE_FAILED", "info"]]);
  });

  it("warns when the certificate expires within the warning days", () => {
    const last = buildProbeResult({ certificate: cert({ daysToExpiry: 10 }) });
    expect(findingsFor(buildVerdict({ last }))).toMatchObject([
      { code: "CERT_EXPIRING", severity: "warning" },
    ]);
  });

  it("is critical when the certificate has expired", () => {
    const last = buildProbeResult({ certificate: cert({ daysToExpiry: -1 }) });
    expect(findingsFor(buildVerdict({ last }))).toMatchObject([
      { code: "CERT_EXPIRING", severity: "critical" },
    ]);
  });

  it("files a certificate that misses the name clients use as CERT_NAME_MISMATCH warning, never critical", () => {
    const last = buildProbeResult({
      certificate: cert({ hostnameMatches: false, names: ["other.example.com"] }),
    });
    const endpoint = buildEndpoint({ target: "web-eastus.example.com" });
    const [finding] = findingsFor(buildVerdict({ last }), endpoint);
    expect(finding).toMatchObject({ code: "CERT_NAME_MISMATCH", severity: "warning" });
    expect(finding?.message).toContain("does not cover web-eastus.example.com");
  });

  it("raises no CERT_EXPIRING for a year-valid certificate, even when it does not cover the probed name", () => {
    const last = buildProbeResult({ certificate: cert({ daysToExpiry: 365, hostnameMatches: false }) });
    expect(findingsFor(buildVerdict({ last })).filter((f) => f.code === "CERT_EXPIRING")).toEqual([]);
  });

  it("says nothing about a valid certificate far from expiry, even self-signed", () => {
    const last = buildProbeResult({ certificate: cert({ selfSigned: true, trusted: false }) });
    expect(findingsFor(buildVerdict({ last }))).toEqual([]);
  });

  it("ignores endpoints without a verdict", () => {
    const profile = buildLiveProfile({ endpoints: [buildEndpoint({ monitorStatus: "Degraded" })] });
    expect(probeFindings(profile, new Map(), options)).toEqual([]);
  });
});
