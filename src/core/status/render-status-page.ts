import { esc } from "./html.js";
import { sparklineSvg, timelineSvg } from "./render-svg.js";
import { STATUS_CSS } from "./status-css.js";
import type { EndpointView, Level, ProfileView, StatusView } from "./status-view.js";

const WORD: Record<Level, string> = {
  ok: "OK",
  warning: "Warning",
  critical: "Critical",
  unknown: "Unknown",
};
/** Events listed as text per profile on the overview; a profile's own page lists them all. */
const OVERVIEW_EVENTS = 3;

export interface RenderOptions {
  /** Query string (with `?`) appended to links between pages, e.g. a function key; "" for none. */
  linkQuery: string;
}

/** Icon (from the style sheet, hidden from screen readers) + word + colour: never colour alone. */
function level(l: Level, text: string = WORD[l]): string {
  return `<span class="lv-${l}">${esc(text)}</span>`;
}

/** The whole page: one self-contained HTML document (inline CSS and SVG, no script, no fetches). */
export function renderStatusPage(view: StatusView, options: RenderOptions): string {
  const one = view.scope === "profile" ? view.profiles[0] : undefined;
  const title = one ? `${one.name}: tm-sentinel status` : "tm-sentinel status";
  const c = view.counts;
  const summary =
    view.scope === "all"
      ? `<p>${view.profiles.length} watched profile(s): ${level("ok", `${c.ok} OK`)}, ${level("warning", `${c.warning} warning`)}, ${level("critical", `${c.critical} critical`)}, ${level("unknown", `${c.unknown} unknown`)}${view.staleCount > 0 ? `; <strong>${view.staleCount} with stale data</strong>` : ""}.</p>`
      : `<p><a href="../../../status${esc(options.linkQuery)}">All profiles</a></p>`;
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STATUS_CSS}</style></head>` +
    `<body><header><h1>${esc(title)}</h1><p class="mu">Rendered ${esc(view.generatedAt)}; reload for fresh data.</p>${summary}</header>` +
    `<main>${view.profiles.length === 0 ? "<p>No watched profile has been audited yet.</p>" : view.profiles.map((p, i) => profile(p, i, view.scope, options)).join("")}</main>` +
    `</body></html>`
  );
}

function profile(p: ProfileView, index: number, scope: StatusView["scope"], options: RenderOptions): string {
  const id = `p${index}`;
  const heading =
    scope === "all"
      ? `<a href="status/${p.key.split("/").map(encodeURIComponent).map(esc).join("/")}${esc(options.linkQuery)}">${esc(p.name)}</a>`
      : esc(p.name);
  const audit = p.lastAudit
    ? `<span class="mu">Last audit ${esc(p.lastAudit.at)} (${esc(p.lastAudit.ago)} ago)</span>`
    : `<span class="mu">Never audited</span>`;
  return (
    `<section class="prof" aria-labelledby="${id}">` +
    `<div class="head"><h2 id="${id}">${heading}</h2>${level(p.level)}${audit}</div>` +
    `<p class="mu"><code>${esc(p.key)}</code>${p.fqdn ? ` · <code>${esc(p.fqdn)}</code>` : ""}</p>` +
    (p.stale ? `<p class="stale" role="status">${level("unknown", "Stale data")} ${esc(p.stale)}</p>` : "") +
    `<p>Serving: <strong>${p.serving ? esc(p.serving) : "nothing (no endpoint can serve)"}</strong></p>` +
    `<div class="cols"><section aria-label="Live failover order"><h3>Live failover order</h3>${liveList(p)}</section>` +
    `<section aria-label="Desired failover order"><h3>Desired order</h3>${desiredList(p, scope)}</section></div>` +
    `<div class="cols"><section aria-label="Open incidents"><h3>Open incidents</h3>${incidents(p)}</section>` +
    `<section aria-label="Active silences"><h3>Active silences</h3>${silences(p)}</section>` +
    `<section aria-label="DNS answer"><h3>DNS answer</h3>${dns(p)}</section></div>` +
    `<h3>Last 7 days: failovers and incidents</h3>${timelineSvg(p.name, p.timeline)}${events(p, scope)}` +
    `</section>`
  );
}

function liveList(p: ProfileView): string {
  if (p.endpoints.length === 0) return `<p class="mu">No endpoints known.</p>`;
  return `<ol class="eps">${p.endpoints.map(endpoint).join("")}</ol>`;
}

function endpoint(e: EndpointView): string {
  const serving = e.serving ? ` <span class="badge" data-serving="true">★ Serving</span>` : "";
  const probe = e.probe
    ? `probe ${esc(e.probe)}${e.latencyMs !== null ? `, ${e.latencyMs} ms` : ""}${e.probeDetail ? ` (${esc(e.probeDetail)})` : ""}`
    : "not probed";
  const spark =
    e.spark.availability === null
      ? "no history yet"
      : `${e.spark.availability}% up${e.spark.medianMs === null ? "" : `, median ${e.spark.medianMs} ms`} (24 h)`;
  return (
    `<li${e.serving ? ` class="serving" aria-current="true"` : ""}>` +
    `<strong>${esc(e.name)}</strong> ${level(e.level)}${serving}` +
    `<div class="facts">priority ${e.priority ?? "none"} · ${e.enabled ? "enabled" : "disabled"} · ` +
    `Traffic Manager ${esc(e.tmStatus)} · ${probe}</div>` +
    `<div>${sparklineSvg(e.spark)}<span class="mu">${esc(spark)}</span></div></li>`
  );
}

function desiredList(p: ProfileView, scope: StatusView["scope"]): string {
  if (!p.desired) return `<p class="mu">No desired state stored.</p>`;
  // The overview keeps a matching order to one line; a profile's own page always lists it.
  if (scope === "all" && p.desired.length === p.endpoints.length && p.desired.every((d) => d.matchesLive))
    return `<p>${level("ok", "Same as the live order")} <span class="mu">(${p.desired.filter((d) => d.enabled).length} of ${p.desired.length} enabled)</span></p>`;
  return `<ol>${p.desired
    .map(
      (d) =>
        `<li>${esc(d.name)} <span class="mu">${d.enabled ? "enabled" : "disabled"}</span> ${d.matchesLive ? level("ok", "matches live") : level("warning", "differs from live")}</li>`,
    )
    .join("")}</ol>`;
}

function incidents(p: ProfileView): string {
  if (p.incidents.length === 0) return `<p>${level("ok", "None open")}</p>`;
  return `<ul class="plain">${p.incidents
    .map(
      (i) =>
        `<li>${level(i.level)} <code>${esc(i.code)}</code>${i.endpoint ? ` on ${esc(i.endpoint)}` : ""} <span class="mu">open ${esc(i.openFor)} (since ${esc(i.since)})</span></li>`,
    )
    .join("")}</ul>`;
}

function silences(p: ProfileView): string {
  if (p.silences.length === 0) return `<p class="mu">None</p>`;
  return `<ul class="plain">${p.silences
    .map(
      (s) =>
        `<li><span aria-hidden="true">🔕</span> ${esc(s.scope)} until ${esc(s.until)}: ${esc(s.comment)} <span class="mu">(${esc(s.id)})</span></li>`,
    )
    .join("")}</ul>`;
}

function dns(p: ProfileView): string {
  if (!p.dns) return `<p class="mu">Not known yet</p>`;
  const d = p.dns;
  const answer = [...d.names, ...d.addresses].map((x) => `<code>${esc(x)}</code>`).join(", ") || "no records";
  const verdict = d.agrees
    ? level("ok", `names ${d.endpoint ?? "nothing"}, as computed`)
    : level("warning", `names ${d.endpoint ?? "no endpoint"}, not the serving one`);
  return `<p>${answer}<br>${verdict} <span class="mu">(${esc(d.at)})</span></p>`;
}

function events(p: ProfileView, scope: StatusView["scope"]): string {
  if (p.timeline.length === 0) return `<p class="mu">No failovers or incidents in the last 7 days.</p>`;
  const shown = scope === "all" ? p.timeline.slice(-OVERVIEW_EVENTS) : p.timeline;
  return `<ul class="plain">${[...shown]
    .reverse()
    .map(
      (e) =>
        `<li>${level(e.level, e.kind === "failover" ? "Failover" : e.kind === "opened" ? "Opened" : "Resolved")} <span class="mu">${esc(e.at)}</span> ${esc(e.text)}</li>`,
    )
    .join("")}</ul>`;
}
