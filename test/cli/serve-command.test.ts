import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const OUT = join(import.meta.dirname, "../../.tm-sentinel/test-build");
let child: ChildProcess | undefined;
let stdout = "";
let exit: Promise<number | null>;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.on("error", reject);
  });
}

function refuses(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(p, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });
}

async function waitFor(pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(stdout);
    if (m) return m;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(pattern)}; output:\n${stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  // Bundle the CLI from source (the test must not depend on a stale dist/); node_modules stay external.
  await mkdir(OUT, { recursive: true });
  await build({
    entryPoints: ["src/cli/main.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile: join(OUT, "main.mjs"),
    logLevel: "error",
  });
  await writeFile(
    join(OUT, "run.mjs"),
    'import { main } from "./main.mjs";\nprocess.exitCode = await main(process.argv.slice(2));\n',
  );
  port = await freePort();
  child = spawn(process.execPath, [join(OUT, "run.mjs"), "serve"], {
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", SERVE_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so a stray child would be visible below
  });
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stdout += d.toString()));
  exit = new Promise((resolve) => child!.once("exit", (code) => resolve(code)));
}, 60_000);

afterAll(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
});

describe("tm-sentinel serve", () => {
  it("starts, prints where everything is and answers GET /api/profiles", async () => {
    await waitFor(/Ctrl\+C stops everything/);
    expect(stdout).toContain(`http://localhost:${port}/api/profiles`);
    const res = await fetch(`http://127.0.0.1:${port}/api/profiles`);
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty("profiles");
  }, 60_000);

  it("shows how to silence the demo profile, and the command it shows works", async () => {
    await waitFor(/Ctrl\+C stops everything/);
    const body = /-d '(\{"matchers".*?\})'\s+# silence the demo profile/.exec(stdout)?.[1];
    expect(body).toBeDefined();
    const res = await fetch(`http://127.0.0.1:${port}/api/silences`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body!,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(/^\/api\/silences\/[0-9a-f-]{36}$/);
  }, 60_000);

  it("runs the first audit of the demo profile at start", async () => {
    await waitFor(/report \S+demo-failover: serving demo-primary/);
  }, 60_000);

  it("runs a failover drill on the demo profile that passes", async () => {
    const profile = (await waitFor(/profiles\/(\S+demo-failover)\/report/))[1]!;
    const started = await fetch(`http://127.0.0.1:${port}/api/profiles/${profile}/drills`, {
      method: "POST",
    });
    expect(started.status).toBe(202);
    const location = started.headers.get("location")!;
    let drill: { outcome: string | null; observedStandby: string | null; restored: boolean | null };
    for (;;) {
      drill = (await (await fetch(`http://127.0.0.1:${port}${location}`)).json()) as typeof drill;
      if (drill.outcome !== null) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(drill).toMatchObject({ outcome: "passed", observedStandby: "demo-backup", restored: true });
  }, 60_000);

  it("stops cleanly on SIGTERM: exit code 0, demo endpoints closed, no process left in its group", async () => {
    const demoPort = Number((await waitFor(/on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    child!.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stdout).toContain("tm-sentinel serve: stopped");
    expect(await refuses(port)).toBe(true);
    expect(await refuses(demoPort)).toBe(true);
    expect(() => process.kill(-child!.pid!, 0)).toThrow(/ESRCH/);
  }, 60_000);
});

describe("tm-sentinel serve on a port that is in use", () => {
  it("exits 1 with an error naming SERVE_PORT, leaving no process in its group", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const busyPort = (busy.address() as { port: number }).port;
    try {
      const second = spawn(process.execPath, [join(OUT, "run.mjs"), "serve"], {
        env: {
          PATH: process.env["PATH"] ?? "",
          HOME: process.env["HOME"] ?? "/tmp",
          SERVE_PORT: String(busyPort),
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let stderr = "";
      second.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
      expect({ code, stderr }).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(new RegExp(`port ${busyPort} .*already in use.*SERVE_PORT`)) as string,
      });
      expect(() => process.kill(-second.pid!, 0)).toThrow(/ESRCH/);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  }, 60_000);
});
