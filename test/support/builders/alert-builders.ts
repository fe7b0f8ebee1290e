import type { AlertMessage } from "../../../src/core/alerts/alert-message.js";
import type { Finding } from "../../../src/core/finding.js";
import type { Report } from "../../../src/core/report.js";

export const PROFILE_KEY = "00000000-1111-2222-3333-444444444444/rg-web/contoso-prod";
export const PROFILE_ID =
  "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-web/providers/Microsoft.Network/trafficManagerProfiles/contoso-prod";

export function aFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    code: "PRIMARY_NOT_SERVING",
    severity: "critical",
    endpoint: "web-eastus",
    message: "The primary endpoint web-eastus is not serving; traffic goes to web-westus.",
    ...overrides,
  };
}

/** A report for contoso-prod; the profile key/ID follow `name` when given. */
export function aReport(overrides: Partial<Report> & { name?: string } = {}): Report {
  const { name, ...rest } = overrides;
  const key = name ? PROFILE_KEY.replace("contoso-prod", name) : PROFILE_KEY;
  const id = name ? PROFILE_ID.replace("contoso-prod", name) : PROFILE_ID;
  return {
    profile: key,
    profileId: id,
    fqdn: `${name ?? "contoso-prod"}.trafficmanager.net`,
    generatedAt: "2026-03-01T10:00:00.000Z",
    routingMethod: "Priority",
    profileStatus: "Enabled",
    derivedMonitorStatus: "Degraded",
    servingEndpoint: "web-westus",
    servingBasis: "both",
    liveOrder: ["web-eastus", "web-westus"],
    desiredOrder: ["web-eastus", "web-westus"],
    endpoints: [],
    findings: [],
    ...rest,
  };
}

export function anAlertMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    kind: "alert",
    profile: PROFILE_KEY,
    profileId: PROFILE_ID,
    profileName: "contoso-prod",
    fqdn: "contoso-prod.trafficmanager.net",
    at: "2026-03-01T10:00:00.000Z",
    status: "critical",
    headline: "primary not serving",
    servingEndpoint: "web-westus",
    liveOrder: ["web-westus", "web-eastus"],
    desiredOrder: ["web-eastus", "web-westus"],
    opened: [
      {
        code: "PRIMARY_NOT_SERVING",
        severity: "critical",
        endpoint: "web-eastus",
        message: "The primary endpoint web-eastus is not serving; traffic goes to web-westus.",
        openedAt: "2026-03-01T10:00:00.000Z",
      },
    ],
    reminders: [],
    stillOpen: [],
    resolved: [],
    ...overrides,
  };
}

/** A clock tests move by hand (time-warped cycles). */
export class ManualClock {
  constructor(private current: Date = new Date("2026-03-01T10:00:00.000Z")) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
