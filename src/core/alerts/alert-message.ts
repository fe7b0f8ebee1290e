import { atLeast, SEVERITY_RANK, type FindingCode, type Severity } from "../finding.js";
import type { Report } from "../report.js";
import type { Transition } from "./advance-incidents.js";
import type { Incident } from "./incident.js";

/** One incident as a message lists it. */
export interface AlertItem {
  /** A finding code, or ALERT_TEST for `tm-sentinel alert test`. */
  code: FindingCode | "ALERT_TEST";
  severity: Severity;
  endpoint?: string;
  message: string;
  openedAt: string;
  /** Set when the incident rose in severity this cycle. */
  previousSeverity?: Severity;
  /** Set on resolved items: how long the incident lasted. */
  durationMs?: number;
}

/**
 * One notification: everything a channel renders, for one profile and one cycle. Plain data so the
 * outbox can store it and render it again on a retry.
 */
export interface AlertMessage {
  kind: "alert" | "test";
  profile: string;
  profileId: string;
  /** Profile name as ARM spells it (last segment of the ID). */
  profileName: string;
  fqdn?: string;
  /** Cycle time (ISO). */
  at: string;
  /** The headline level: the worst severity still open, or `resolved` when nothing is. */
  status: Severity | "resolved";
  /** Short description for subjects and titles, e.g. `primary not serving (+1 more)`. */
  headline: string;
  servingEndpoint: string | null;
  liveOrder: string[];
  desiredOrder?: string[];
  /** Opened or raised this cycle. */
  opened: AlertItem[];
  reminders: AlertItem[];
  stillOpen: AlertItem[];
  resolved: AlertItem[];
  /** Open incidents held back by a silence or maintenance window, with until when (docs/silences.md). */
  silenced?: SilencedItem[];
}

function toItem(incident: Incident, extra: Partial<AlertItem> = {}): AlertItem {
  return {
    code: incident.code,
    severity: incident.severity,
    ...(incident.endpoint !== undefined && { endpoint: incident.endpoint }),
    message: incident.message,
    openedAt: incident.openedAt,
    ...extra,
  };
}

const bySeverity = (a: AlertItem, b: AlertItem): number =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];

/** `PRIMARY_NOT_SERVING` → `primary not serving`. */
export function describeCode(code: AlertItem["code"]): string {
  return code.toLowerCase().replace(/_/g, " ");
}

function headlineOf(lead: AlertItem, total: number, prefix: string): string {
  const more = total > 1 ? ` (+${String(total - 1)} more)` : "";
  return `${prefix}${describeCode(lead.code)}${more}`;
}

export interface MessageInput {
  report: Pick<Report, "profile" | "profileId" | "fqdn" | "servingEndpoint" | "liveOrder" | "desiredOrder">;
  transitions: readonly Transition[];
  /** Incidents open after the cycle. */
  incidents: readonly Incident[];
  minSeverity: Severity;
  now: Date;
}

/**
 * Groups one profile's transitions into a single message for one channel (Alertmanager-style),
 * keeping only incidents at or above the channel's minimum severity. Undefined when nothing the
 * channel cares about changed: still-open incidents alone never make a message.
 */
export function buildAlertMessage(input: MessageInput): AlertMessage | undefined {
  const { report, minSeverity } = input;
  // A resolution goes wherever the incident was announced, even if it calmed down since.
  const wanted = input.transitions.filter((t) =>
    atLeast(
      t.kind === "resolved" ? (t.incident.peakSeverity ?? t.incident.severity) : t.incident.severity,
      minSeverity,
    ),
  );
  if (wanted.length === 0) return undefined;

  const opened: AlertItem[] = [];
  const reminders: AlertItem[] = [];
  const resolved: AlertItem[] = [];
  for (const t of wanted) {
    if (t.kind === "opened") opened.push(toItem(t.incident));
    else if (t.kind === "raised")
      opened.push(toItem(t.incident, t.previousSeverity ? { previousSeverity: t.previousSeverity } : {}));
    else if (t.kind === "reminder") reminders.push(toItem(t.incident));
    else resolved.push(toItem(t.incident, { durationMs: t.durationMs ?? 0 }));
  }
  const mentioned = new Set(wanted.map((t) => t.incident.fingerprint));
  const stillOpen = input.incidents
    .filter((i) => !mentioned.has(i.fingerprint) && atLeast(i.severity, minSeverity))
    .map((i) => toItem(i));
  for (const list of [opened, reminders, stillOpen, resolved]) list.sort(bySeverity);

  const active = [...opened, ...reminders, ...stillOpen];
  const status: AlertMessage["status"] =
    active.length > 0 ? [...active].sort(bySeverity)[0]!.severity : "resolved";
  // The headline names the worst finding, so it always agrees with the status level it follows.
  const lead = [
    ...opened.map((item) => ({ item, prefix: "", count: opened.length })),
    ...reminders.map((item) => ({ item, prefix: "still open: ", count: active.length })),
    ...stillOpen.map((item) => ({ item, prefix: "still open: ", count: active.length })),
  ].sort((a, b) => bySeverity(a.item, b.item))[0];
  const headline = lead
    ? headlineOf(lead.item, lead.count, lead.prefix)
    : headlineOf(resolved[0]!, resolved.length, "resolved: ");

  return {
    kind: "alert",
    profile: report.profile.toLowerCase(),
    profileId: report.profileId,
    profileName: report.profileId.split("/").pop() || report.profile.split("/").pop() || report.profile,
    ...(report.fqdn !== undefined && { fqdn: report.fqdn }),
    at: input.now.toISOString(),
    status,
    headline,
    servingEndpoint: report.servingEndpoint,
    liveOrder: report.liveOrder,
    ...(report.desiredOrder !== undefined && { desiredOrder: report.desiredOrder }),
    opened,
    reminders,
    stillOpen,
    resolved,
  };
}

/** The message `tm-sentinel alert test` sends: clearly a test, shaped like a real alert. */
export function buildTestMessage(now: Date): AlertMessage {
  const at = now.toISOString();
  return {
    kind: "test",
    profile: "00000000-0000-0000-0000-000000000000/tm-sentinel-test/test-profile",
    profileId:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tm-sentinel-test/providers/Microsoft.Network/trafficManagerProfiles/test-profile",
    profileName: "test-profile",
    at,
    status: "info",
    headline: "test message, no action needed",
    servingEndpoint: "primary",
    liveOrder: ["primary", "secondary"],
    desiredOrder: ["primary", "secondary"],
    opened: [
      {
        code: "ALERT_TEST",
        severity: "info",
        message: "This is a test alert from `tm-sentinel alert test`: the channel works.",
        openedAt: at,
      },
    ],
    reminders: [],
    stillOpen: [],
    resolved: [],
  };
}

/** `90_000` → `1m 30s`; `5_400_000` → `1h 30m`; days for long incidents. Seconds kept below an hour. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return h > 0 ? `${String(d)}d ${String(h)}h` : `${String(d)}d`;
  if (h > 0) return m > 0 ? `${String(h)}h ${String(m)}m` : `${String(h)}h`;
  // Below an hour the seconds matter (a 90-second failover is not "1m").
  if (m > 0) return sec > 0 ? `${String(m)}m ${String(sec)}s` : `${String(m)}m`;
  return `${String(sec)}s`;
}

/** Azure portal deep link to the profile. */
export function portalLink(profileId: string): string {
  return `https://portal.azure.com/#@/resource${profileId}`;
}

/** An open incident a message mentions as silenced, with until when. */
export interface SilencedItem {
  code: FindingCode;
  severity: Severity;
  endpoint?: string;
  message: string;
  silencedBy: string[];
  until?: string;
}
