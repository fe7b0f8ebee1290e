import type { Finding, Severity } from "../core/finding.js";
import type { Report, ReportEndpoint } from "../core/report.js";

const SEVERITIES: Severity[] = ["critical", "warning", "info"];

/** Left-aligned columns separated by two spaces; the last column is not padded. */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function probeCell(e: ReportEndpoint | undefined): string {
  if (!e?.probe) return e?.notProbed ?? "-";
  const last = e.probe.last;
  return `${e.probe.status} (${last.status ?? last.kind}, ${last.latencyMs} ms)`;
}

/** Desired vs live, position by position; `!` marks a position where they differ. */
function orderTable(report: Report): string[] {
  const desired = report.desiredOrder;
  const byName = new Map(report.endpoints.map((e) => [e.name.toLowerCase(), e]));
  const rows: string[][] = [
    ["#", ...(desired ? ["desired", ""] : []), "live", "priority", "enabled", "TM status", "probe"],
  ];
  const length = Math.max(desired?.length ?? 0, report.liveOrder.length);
  for (let i = 0; i < length; i++) {
    const liveName = report.liveOrder[i];
    const e = liveName === undefined ? undefined : byName.get(liveName.toLowerCase());
    const want = desired?.[i];
    const differs = desired !== undefined && want?.toLowerCase() !== liveName?.toLowerCase();
    rows.push([
      String(i + 1),
      ...(desired ? [want ?? "-", differs ? "!" : ""] : []),
      liveName ?? "-",
      e ? String(e.priority ?? "-") : "-",
      e ? (e.enabled ? "yes" : "no") : "-",
      e?.tmStatus ?? "-",
      probeCell(e),
    ]);
  }
  return table(rows).map((line) => `  ${line}`);
}

function findingLine(f: Finding): string {
  const where = f.endpoint === undefined ? "" : ` [${f.endpoint}]`;
  const silenced = f.silencedBy?.length
    ? ` (silenced until ${f.silencedUntil ?? "?"} by ${f.silencedBy.join(", ")})`
    : "";
  return `    ${f.code}${where}: ${f.message}${silenced}`;
}

/** A short human report: who serves, the failover order table, findings by severity. */
export function formatReportText(report: Report): string {
  const lines: string[] = [];
  lines.push(`Profile   ${report.profile}${report.fqdn ? ` (${report.fqdn})` : ""}`);
  const tmStatus = report.profileMonitorStatus ? `, Traffic Manager says ${report.profileMonitorStatus}` : "";
  lines.push(
    `Routing   ${report.routingMethod}, profile ${report.profileStatus}, monitor ${report.derivedMonitorStatus}${tmStatus}`,
  );
  lines.push(`Serving   ${report.servingEndpoint ?? "(none)"}  [basis: ${report.servingBasis}]`);
  lines.push("");
  if (report.liveOrder.length > 0 || report.desiredOrder) {
    lines.push("Failover order");
    lines.push(...orderTable(report));
    lines.push("");
  }
  const counts = SEVERITIES.map((s) => `${report.findings.filter((f) => f.severity === s).length} ${s}`);
  if (report.findings.length === 0) {
    lines.push("Findings  none");
  } else {
    lines.push(`Findings  ${counts.join(", ")}`);
    for (const severity of SEVERITIES) {
      const group = report.findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      lines.push(`  ${severity.toUpperCase()}`);
      lines.push(...group.map(findingLine));
    }
  }
  if (report.silences?.length) {
    lines.push("", "Silenced (notifications held back; docs/silences.md)");
    for (const s of report.silences)
      lines.push(
        `  ${s.id} until ${s.endsAt}${s.createdBy !== undefined ? ` by ${s.createdBy}` : ""}: "${s.comment}" (${String(s.findings)} finding(s))`,
      );
  }
  return lines.join("\n");
}
