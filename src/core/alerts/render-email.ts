import type { AlertItem, AlertMessage } from "./alert-message.js";
import { formatDuration, portalLink } from "./alert-message.js";
import { describeSilencedItem } from "../silences/silenced-items.js";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const LABEL: Record<AlertMessage["status"], string> = {
  critical: "CRITICAL",
  warning: "WARNING",
  info: "INFO",
  resolved: "RESOLVED",
};

const COLOUR: Record<AlertMessage["status"], string> = {
  critical: "#c4314b",
  warning: "#c19c00",
  info: "#0078d4",
  resolved: "#237b4b",
};

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** `[tm-sentinel] CRITICAL contoso-prod: primary not serving`. */
export function emailSubject(m: AlertMessage): string {
  const test = m.kind === "test" ? "TEST " : "";
  return `[tm-sentinel] ${test}${LABEL[m.status]} ${m.profileName}: ${m.headline}`;
}

function itemLine(item: AlertItem, resolved: boolean): string {
  const where = item.endpoint !== undefined ? ` (${item.endpoint})` : "";
  const raised = item.previousSeverity ? `, raised from ${item.previousSeverity}` : "";
  const lasted = resolved ? `, lasted ${formatDuration(item.durationMs ?? 0)}` : "";
  const level = resolved ? "resolved" : item.severity;
  return `${item.code}${where} [${level}${raised}${lasted}]: ${item.message}`;
}

function sections(m: AlertMessage): [string, AlertItem[], boolean][] {
  const all: [string, AlertItem[], boolean][] = [
    ["Opened", m.opened, false],
    ["Reminder: still open", m.reminders, false],
    ["Still open", m.stillOpen, false],
    ["Resolved", m.resolved, true],
  ];
  return all.filter(([, items]) => items.length > 0);
}

function facts(m: AlertMessage): [string, string][] {
  return [
    ["Profile", m.profile],
    ...(m.fqdn !== undefined ? [["DNS name", m.fqdn] as [string, string]] : []),
    ["Serving endpoint", m.servingEndpoint ?? "none (no endpoint serving)"],
    ["Desired order", m.desiredOrder?.join(" > ") ?? "(no desired state)"],
    ["Live order", m.liveOrder.join(" > ") || "(no endpoints)"],
    ["Time", m.at],
  ];
}

function renderText(m: AlertMessage): string {
  const lines = [emailSubject(m).replace("[tm-sentinel] ", ""), ""];
  for (const [k, v] of facts(m)) lines.push(`${`${k}:`.padEnd(18)}${v}`);
  for (const [title, items, resolved] of sections(m)) {
    lines.push("", `${title}:`);
    for (const item of items) lines.push(`  - ${itemLine(item, resolved)}`);
  }
  if (m.silenced?.length) {
    lines.push("", "Silenced:");
    for (const item of m.silenced) lines.push(`  - ${describeSilencedItem(item)}`);
  }
  lines.push("", `Azure portal: ${portalLink(m.profileId)}`, "", "-- tm-sentinel");
  return lines.join("\n");
}

function renderHtml(m: AlertMessage): string {
  const e = escapeHtml;
  const link = portalLink(m.profileId);
  const rows = facts(m)
    .map(([k, v]) => `<tr><th align="left" style="padding-right:12px">${e(k)}</th><td>${e(v)}</td></tr>`)
    .join("");
  const lists = sections(m)
    .map(([title, items, resolved]) => {
      const lis = items.map((i) => `<li>${e(itemLine(i, resolved))}</li>`).join("");
      return `<h3 style="margin:16px 0 4px">${e(title)}</h3><ul style="margin:0">${lis}</ul>`;
    })
    .join("");
  const silenced = m.silenced?.length
    ? `<h3 style="margin:16px 0 4px">Silenced</h3><ul style="margin:0">${m.silenced.map((i) => `<li>${e(describeSilencedItem(i))}</li>`).join("")}</ul>`
    : "";
  return [
    `<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px">`,
    `<h2 style="color:${COLOUR[m.status]};margin:0 0 8px">${e(emailSubject(m).replace("[tm-sentinel] ", ""))}</h2>`,
    `<table>${rows}</table>`,
    lists,
    silenced,
    `<p><a href="${e(link)}">Open ${e(m.profileName)} in the Azure portal</a></p>`,
    `<p style="color:#666">-- tm-sentinel</p></body></html>`,
  ].join("\n");
}

/** Subject, plain text and HTML carrying the same facts; every dynamic value is HTML-escaped. */
export function renderEmail(m: AlertMessage): RenderedEmail {
  return { subject: emailSubject(m), text: renderText(m), html: renderHtml(m) };
}
