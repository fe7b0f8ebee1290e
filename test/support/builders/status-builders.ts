import type { Finding } from "../../../src/core/finding.js";
import type { ReportEndpoint } from "../../../src/core/report.js";
import type { StatusReport } from "../../../src/core/status/status-input.js";

export function aReportEndpoint(overrides: Partial<ReportEndpoint> = {}): ReportEndpoint {
  return {
    name: "web-eastus",
    type: "AzureEndpoints",
    priority: 1,
    enabled: true,
    alwaysServe: false,
    tmStatus: "Online",
    ...overrides,
  };
}

/** A report of `sub1/rg1/contoso` with two endpoints, the first serving, no findings. */
export function aStatusReport(overrides: Partial<StatusReport> = {}): StatusReport {
  return {
    profile: "sub1/rg1/contoso",
    profileId:
      "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/trafficManagerProfiles/contoso",
    fqdn: "contoso.trafficmanager.net",
    generatedAt: "2026-03-01T10:00:00.000Z",
    routingMethod: "Priority",
    profileStatus: "Enabled",
    derivedMonitorStatus: "Online",
    servingEndpoint: "web-eastus",
    servingBasis: "traffic-manager",
    liveOrder: ["web-eastus", "web-westus"],
    endpoints: [aReportEndpoint(), aReportEndpoint({ name: "web-westus", priority: 2 })],
    findings: [],
    ...overrides,
  };
}

export const warning = (code: Finding["code"], endpoint?: string): Finding => ({
  code,
  severity: "warning",
  message: `${code} happened`,
  ...(endpoint !== undefined ? { endpoint } : {}),
});
