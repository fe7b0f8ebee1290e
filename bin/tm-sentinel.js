#!/usr/bin/env node
// Thin launcher so `tm-sentinel` works from the package bin after `npm run build`.
// The version check comes first and the CLI is imported dynamically: on an older Node the
// dependencies fail while loading (undici, Map.groupBy) with errors that do not say why.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(`tm-sentinel needs Node.js 22 or later (found ${process.version})`);
  process.exit(1);
}
const { main } = await import("../dist/src/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
