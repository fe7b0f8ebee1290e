// Cold import time of the Functions entry: the tsc output (dist/src/index.js, one file per module,
// dependencies from node_modules) against the esbuild bundle that `npm run build` writes to dist/deploy
// (dist/deploy/dist/index.js). Each sample is a fresh `node` process that imports the entry and
// reports the time of that import alone, so process start-up is not counted. Runs alternate.
// Usage: npm run build && node bench/cold-import.mjs [runs=15]
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const runs = Number(process.argv[2] ?? 15);
const entries = {
  "tsc (dist/src/index.js)": "dist/src/index.js",
  "esbuild bundle (dist/deploy/dist/index.js)": "dist/deploy/dist/index.js",
};
for (const file of Object.values(entries))
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);

const probe = (file) =>
  `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(resolve(file)).href)}); ` +
  "process.stdout.write(String(performance.now() - t));";

const samples = Object.fromEntries(Object.keys(entries).map((k) => [k, []]));
for (let i = 0; i < runs; i++)
  for (const [label, file] of Object.entries(entries)) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe(file)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      env: { PATH: process.env.PATH ?? "" },
    });
    samples[label].push(Number(out));
  }

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`cold import of the Functions entry, ${runs} fresh processes each (node ${process.version})`);
for (const [label, xs] of Object.entries(samples))
  console.log(
    `${label.padEnd(44)} median ${median(xs).toFixed(0)} ms  min ${Math.min(...xs).toFixed(0)} ms  max ${Math.max(...xs).toFixed(0)} ms`,
  );
