import { esc } from "./html.js";
import type { SparkData } from "./sparkline-data.js";
import type { TimelineEntry } from "./status-view.js";

const W = 96;
const H = 24;

/**
 * 24 h of one endpoint: red bars where audits saw it down, a latency line over them. Decorative
 * for assistive technology: the text beside it says the same (availability, median latency).
 */
export function sparklineSvg(spark: SparkData): string {
  const step = W / spark.slots.length;
  const bars: string[] = [];
  const points: string[] = [];
  const maxMs = Math.max(1, ...spark.slots.map((s) => s?.maxMs ?? 0));
  spark.slots.forEach((slot, i) => {
    if (!slot) return;
    const x = Math.round(i * step);
    if (slot.up < 1) {
      const h = Math.max(2, Math.round((1 - slot.up) * H));
      bars.push(`M${x} ${H - h}h${Math.max(1, Math.round(step))}v${h}h-${Math.max(1, Math.round(step))}z`);
    }
    if (slot.maxMs !== null) points.push(`${x},${Math.round(H - 2 - (slot.maxMs / maxMs) * (H - 4))}`);
  });
  return (
    `<svg class="spark" viewBox="0 0 ${W} ${H}" aria-hidden="true">` +
    (bars.length > 0 ? `<path class="down" d="${bars.join("")}"/>` : "") +
    (points.length > 1 ? `<polyline class="lat" points="${points.join(" ")}"/>` : "") +
    "</svg>"
  );
}

const TW = 700;
const TH = 28;

/** Seven days, one mark per event: diamond = failover, triangle = opened, circle = resolved. */
export function timelineSvg(profile: string, entries: readonly TimelineEntry[]): string {
  const ticks = Array.from({ length: 6 }, (_, i) => {
    const x = Math.round(((i + 1) * TW) / 7);
    return `M${x} 4v20`;
  }).join("");
  const marks = entries
    .map((e) => {
      const x = Math.round(6 + e.x * (TW - 12));
      const shape =
        e.kind === "failover"
          ? `M${x} 6l6 8l-6 8l-6 -8z`
          : e.kind === "opened"
            ? `M${x} 7l6 13h-12z`
            : `M${x - 5} 14a5 5 0 1 0 10 0a5 5 0 1 0 -10 0`;
      return `<path class="m-${e.level}" d="${shape}"/>`;
    })
    .join("");
  const label = `${profile}: ${entries.length} failover and incident event(s) in the last 7 days`;
  return (
    `<svg class="tl" viewBox="0 0 ${TW} ${TH}" role="img" aria-label="${esc(label)}">` +
    `<path class="axis" d="M0 14H${TW}${ticks}"/>${marks}</svg>`
  );
}
