// Builds the deployable function app in dist/deploy: one esbuild bundle of src/index.ts (every
// production dependency inlined, so no node_modules to ship or resolve at cold start), host.json
// and a package.json whose `main` points at the bundle. azure.yaml deploys this folder.
import { build } from "esbuild";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";

const out = "dist/deploy";
const root = JSON.parse(await readFile("package.json", "utf8"));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: ["src/index.ts"],
  // Split so what is imported only on demand (the Azure Monitor exporter, about 3.5 MB, loaded only
  // when APPLICATIONINSIGHTS_CONNECTION_STRING is set) lives in its own chunk, not in the cold start.
  outdir: `${out}/dist`,
  entryNames: "index",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // Provided by the Functions worker at run time, never installed.
  external: ["@azure/functions-core"],
  // CommonJS dependencies call require(); an ESM bundle needs one.
  banner: {
    js: "import { createRequire as __tmsCreateRequire } from 'node:module'; const require = __tmsCreateRequire(import.meta.url);",
  },
  minifySyntax: true,
  minifyWhitespace: true,
  keepNames: true,
  sourcemap: "linked",
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});
await cp("host.json", `${out}/host.json`);
await writeFile(
  `${out}/package.json`,
  JSON.stringify(
    {
      name: root.name,
      version: root.version,
      private: true,
      type: "module",
      main: "dist/index.js",
      engines: root.engines,
    },
    null,
    2,
  ) + "\n",
);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`package: ${out} (${(bytes / 1024 / 1024).toFixed(1)} MiB incl. source map)`);
