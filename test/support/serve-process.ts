import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

/** Bundles the CLI from source into a fresh folder (never a stale dist/); node_modules stay external. */
export async function bundleCli(): Promise<string> {
  const base = join(import.meta.dirname, "../../.tm-sentinel");
  await mkdir(base, { recursive: true });
  const out = await mkdtemp(join(base, "serve-build-"));
  await build({
    entryPoints: ["src/cli/main.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile: join(out, "main.mjs"),
    logLevel: "error",
  });
  const run = join(out, "run.mjs");
  await writeFile(
    run,
    'import { main } from "./main.mjs";\nprocess.exitCode = await main(process.argv.slice(2));\n',
  );
  return run;
}

export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<bound port>/api` */
  api: string;
  port: number;
  output(): string;
  exit: Promise<number | null>;
  /** The child's TMPDIR, so a test can see what it leaves behind. */
  tmp: string;
  stop(): Promise<number | null>;
}

/** Starts `tm-sentinel serve` with SERVE_PORT=0 and reads the bound port from its banner. */
export async function startServeProcess(
  run: string,
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const tmp = await mkdtemp(join(tmpdir(), "tms-serve-test-"));
  const child = spawn(process.execPath, [run, "serve"], {
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "/tmp",
      TMPDIR: tmp,
      SERVE_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr.on("data", (d: Buffer) => (text += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const m = /HTTP API\s+http:\/\/localhost:(\d+)\/api/.exec(text);
      if (m) return resolve(Number(m[1]));
      if (child.exitCode !== null) return reject(new Error(`serve exited early:\n${text}`));
      setTimeout(check, 100);
    };
    check();
  });
  return {
    child,
    api: `http://127.0.0.1:${String(port)}/api`,
    port,
    output: () => text,
    exit,
    tmp,
    stop: () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exit;
    },
  };
}
