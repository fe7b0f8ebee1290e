import type { AlertItem, AlertMessage } from "./alert-message.js";
import { formatDuration, portalLink } from "./alert-message.js";
import { describeSilencedItem } from "../silences/silenced-items.js";

/** Teams rejects webhook posts above 28 KB. */
export const TEAMS_MAX_BYTES = 28 * 1024;

type Json = Record<string, unknown>;

const STYLE: Record<AlertMessage["status"], { color: string; container: string; label: string }> = {
  critical: { color: "attention", container: "attention", label: "CRITICAL" },
  warning: { color: "warning", container: "warning", label: "WARNING" },
  info: { color: "accent", container: "accent", label: "INFO" },
  resolved: { color: "good", container: "good", label: "RESOLVED" },
};

const text = (value: string, extra: Json = {}): Json => ({
  type: "TextBlock",
  text: value,
  wrap: true,
  ...extra,
});

function itemBlock(item: AlertItem, resolved: boolean): Json {
  const where = item.endpoint !== undefined ? ` · ${item.endpoint}` : "";
  const raised = item.previousSeverity ? ` (raised from ${item.previousSeverity})` : "";
  const lasted = resolved ? ` · lasted ${formatDuration(item.durationMs ?? 0)}` : "";
  const level = resolved ? "resolved" : item.severity.toUpperCase();
  return {
    type: "Container",
    spacing: "Small",
    items: [
      text(`**${level}** ${item.code}${where}${raised}${lasted}`, {
        color: resolved ? "good" : STYLE[item.severity].color,
        size: "Small",
      }),
      text(item.message, { spacing: "None" }),
    ],
  };
}

function orderColumn(title: string, names: readonly string[] | undefined): Json {
  const lines = names && names.length > 0 ? names.map((n, i) => `${String(i + 1)}. ${n}`) : ["—"];
  return {
    type: "Column",
    width: "stretch",
    items: [
      text(title, { weight: "Bolder", size: "Small" }),
      ...lines.map((line) => text(line, { spacing: "None" })),
    ],
  };
}

/** Incidents held back by a silence or maintenance window, and until when. */
function silencedSection(m: AlertMessage): Json[] {
  const items = m.silenced ?? [];
  if (items.length === 0) return [];
  return [
    text("Silenced", { weight: "Bolder", spacing: "Medium", separator: true }),
    ...items.map((i) => text(describeSilencedItem(i), { size: "Small", isSubtle: true, spacing: "None" })),
  ];
}

function section(title: string, items: AlertItem[], resolved = false): Json[] {
  if (items.length === 0) return [];
  return [
    text(title, { weight: "Bolder", spacing: "Medium", separator: true }),
    ...items.map((i) => itemBlock(i, resolved)),
  ];
}

/** Keeps the first `keep` items across the sections, in display order. */
function limitItems(m: AlertMessage, keep: number): [AlertMessage, number] {
  let left = keep;
  const take = (list: AlertItem[]): AlertItem[] => {
    const kept = list.slice(0, Math.max(0, left));
    left -= kept.length;
    return kept;
  };
  const limited = {
    ...m,
    opened: take(m.opened),
    reminders: take(m.reminders),
    stillOpen: take(m.stillOpen),
    resolved: take(m.resolved),
  };
  return [limited, totalItems(m) - totalItems(limited)];
}

function totalItems(m: AlertMessage): number {
  return m.opened.length + m.reminders.length + m.stillOpen.length + m.resolved.length;
}

function buildCard(m: AlertMessage, omitted: number): Json {
  const style = STYLE[m.status];
  const link = portalLink(m.profileId);
  const facts = [
    { title: "Profile", value: `[${m.profileName}](${link})` },
    { title: "Key", value: m.profile },
    ...(m.fqdn !== undefined ? [{ title: "DNS name", value: m.fqdn }] : []),
    { title: "Serving endpoint", value: m.servingEndpoint ?? "none (no endpoint serving)" },
    { title: "Time", value: m.at },
  ];
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.5",
    msteams: { width: "Full" },
    body: [
      {
        type: "Container",
        style: style.container,
        bleed: true,
        items: [
          text(`${m.kind === "test" ? "TEST · " : ""}${style.label} · ${m.profileName}`, {
            size: "Large",
            weight: "Bolder",
            color: style.color,
          }),
          text(m.headline, { spacing: "None" }),
        ],
      },
      { type: "FactSet", facts },
      {
        type: "ColumnSet",
        spacing: "Medium",
        columns: [orderColumn("Desired order", m.desiredOrder), orderColumn("Live order", m.liveOrder)],
      },
      ...section("Opened", m.opened),
      ...section("Reminder: still open", m.reminders),
      ...section("Still open", m.stillOpen),
      ...section("Resolved", m.resolved, true),
      ...silencedSection(m),
      ...(omitted > 0
        ? [text(`+${String(omitted)} more not shown`, { isSubtle: true, spacing: "Medium" })]
        : []),
    ],
    actions: [{ type: "Action.OpenUrl", title: "Open in Azure portal", url: link }],
  };
}

/** The webhook body the Workflows template expects. */
export function wrapCard(card: Json): Json {
  return {
    type: "message",
    attachments: [
      { contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card },
    ],
  };
}

const byteLength = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The Workflows webhook body for a message: an Adaptive Card 1.5 (Teams' maximum). When the card
 * would pass `maxBytes`, findings are dropped from the end and a "+N more" line says so.
 */
export function renderTeamsPayload(message: AlertMessage, maxBytes = TEAMS_MAX_BYTES): Json {
  const full = wrapCard(buildCard(message, 0));
  if (byteLength(full) <= maxBytes) return full;
  // Binary search for the largest number of items that fits.
  let lo = 0;
  let hi = totalItems(message);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const [m, omitted] = limitItems(message, mid);
    if (byteLength(wrapCard(buildCard(m, omitted))) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  const [m, omitted] = limitItems(message, lo);
  return wrapCard(buildCard(m, omitted));
}
