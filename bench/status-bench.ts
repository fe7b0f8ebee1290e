// Status page size and render time from stored data (the bench behind docs/status-page.md).
// Usage: npm run bench:status [-- runs=200]
// Builds DEFAULT_ESTATE (20 profiles × 5 endpoints, a day of audits every 5 minutes) through the
// app's own history code, then times view model + HTML for the overview and one profile's page.
// Budget (issue 15): at most 100 KB and under 50 ms for the overview.
import { renderStatusPage } from "../src/core/status/render-status-page.js";
import { buildStatusView } from "../src/core/status/status-view.js";
import { buildEstate, DEFAULT_ESTATE } from "./status-fixture.js";

const runs = Number(process.argv[2] ?? 200);
const estate = await buildEstate(DEFAULT_ESTATE);
const one = { ...estate, scope: "profile" as const, profiles: estate.profiles.slice(0, 1) };

function measure(input: typeof estate): { bytes: number; median: number; p95: number } {
  let html = "";
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    html = renderStatusPage(buildStatusView(input), { linkQuery: "" });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    bytes: Buffer.byteLength(html),
    median: times[Math.floor(runs / 2)]!,
    p95: times[Math.floor(runs * 0.95)]!,
  };
}

const samples = estate.profiles.reduce((n, p) => n + p.samples.length, 0);
const events = estate.profiles.reduce((n, p) => n + p.events.length, 0);
console.log(
  `status page bench (node ${process.version}): ${DEFAULT_ESTATE.profiles} profiles × ${DEFAULT_ESTATE.endpoints} endpoints, ` +
    `audits every ${DEFAULT_ESTATE.everyMinutes} min for 24 h (${samples} samples, ${events} events), ${runs} renders each`,
);
for (const [label, input] of [
  ["overview /api/status", estate],
  ["one profile /api/status/{sub}/{rg}/{name}", one],
] as const) {
  const m = measure(input);
  console.log(
    `${label.padEnd(44)} ${(m.bytes / 1024).toFixed(1)} KB  render median ${m.median.toFixed(2)} ms  p95 ${m.p95.toFixed(2)} ms`,
  );
}
