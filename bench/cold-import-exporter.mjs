// Cold import of the Functions entry without and with the Azure Monitor exporter (issue 15).
// Without APPLICATIONINSIGHTS_CONNECTION_STRING the exporter is never imported; with it, the
// composition root imports src/adapters/monitor/start-azure-monitor on the first invocation. Each
// sample is a fresh `node` process timing only the imports (entry, then the exporter module), for
// the tsc output and for the deployed esbuild bundle (where the exporter is its own chunk).
// Usage: npm run build && node bench/cold-import-exporter.mjs [runs=11]
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const runs = Number(process.argv[2] ?? 11);
const chunks = "dist/deploy/dist/chunks";
const exporterChunk = existsSync(chunks)
  ? readdirSync(chunks).find((f) => f.startsWith("start-azure-monitor-") && f.endsWith(".js"))
  : undefined;
const variants = {
  "tsc entry, no exporter": ["dist/src/index.js"],
  "tsc entry + exporter": ["dist/src/index.js", "dist/src/adapters/monitor/start-azure-monitor.js"],
  "bundle entry, no exporter": ["dist/deploy/dist/index.js"],
  "bundle entry + exporter chunk": ["dist/deploy/dist/index.js", `${chunks}/${exporterChunk}`],
};
for (const files of Object.values(variants))
  for (const file of files)
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);

const probe = (files) =>
  "const t = performance.now(); " +
  files.map((f) => `await import(${JSON.stringify(pathToFileURL(resolve(f)).href)});`).join(" ") +
  " process.stdout.write(String(performance.now() - t));";

const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < runs; i++)
  for (const [label, files] of Object.entries(variants)) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe(files)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      env: { PATH: process.env.PATH ?? "" },
    });
    samples[label].push(Number(out));
  }

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `cold import with and without the exporter, ${runs} fresh processes each (node ${process.version})`,
);
for (const [label, xs] of Object.entries(samples))
  console.log(
    `${label.padEnd(32)} median ${median(xs).toFixed(0)} ms  min ${Math.min(...xs).toFixed(0)} ms  max ${Math.max(...xs).toFixed(0)} ms`,
  );
