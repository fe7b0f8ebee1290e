import type { Report } from "../report.js";
import type { OpenProblem, StatusEvent, StatusSample } from "./status-history.js";

/** Traffic Manager's real DNS answer for the profile's name (issue 14 adds it to the report). */
export interface DnsAnswer {
  names: string[];
  addresses: string[];
  endpoint: string | null;
  resolvedAt: string;
}

/** The report as the status page reads it: every field optional beyond the base report. */
export type StatusReport = Report & { dnsAnswer?: DnsAnswer };

/** An active silence (issue 13's `Runtime.silences`), reduced to what the page shows. */
export interface ActiveSilence {
  id: string;
  matchers: { profile: string; endpoint?: string; codes?: string[] };
  endsAt: string;
  comment: string;
}

export interface StatusProfileInput {
  /** Profile key, lower case. */
  profile: string;
  report?: StatusReport;
  /** The desired failover order (array order = failover order), when a desired state exists. */
  desired?: { name: string; enabled: boolean }[];
  /** Audits of the last 24 hours, oldest first. */
  samples: StatusSample[];
  /** Failovers and problems of the last 7 days, oldest first. */
  events: StatusEvent[];
  /** Problems open after the last recorded audit, with since when. */
  problems?: OpenProblem[];
}

export interface StatusPageInput {
  now: Date;
  /** Seconds between scheduled audits: data older than two periods is stale. */
  schedulePeriodSeconds: number;
  /** "all": the overview of every watched profile; "profile": one profile's page. */
  scope: "all" | "profile";
  profiles: StatusProfileInput[];
  /** Active silences of every profile; the page shows those matching each profile. */
  silences: ActiveSilence[];
}
