import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_INSTALL, findChromium } from "./find-chromium.js";

// The status page in a real browser against the real `serve` process (embedded Azurite, the demo
// profile, real probes of the demo endpoints). Screenshots land in .tm-sentinel/screenshots/.
const OUT = join(import.meta.dirname, "../../.tm-sentinel/test-build-status");
const SHOTS = join(import.meta.dirname, "../../.tm-sentinel/screenshots");
const DEMO = "00000000-0000-0000-0000-000000000000/tm-sentinel-demo/demo-failover";
const executablePath = findChromium();

let child: ChildProcess | undefined;
let stdout = "";
let browser: Browser | undefined;
let api = "";
let demoEndpoints = "";

async function waitFor(pattern: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(stdout);
    if (m) return m;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(pattern)}; output:\n${stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function axeViolations(page: Page): Promise<unknown[]> {
  const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
}

if (!executablePath) {
  describe("status page in a browser", () => {
    it(`did NOT run: no Chromium found; install it with \`${CHROMIUM_INSTALL}\` (or set CHROMIUM_PATH)`, () => {
      console.warn(`\n*** browser tests did not run: no Chromium. Install: ${CHROMIUM_INSTALL} ***\n`);
      expect(executablePath).toBeUndefined();
    });
  });
} else {
  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    await mkdir(SHOTS, { recursive: true });
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
    child = spawn(process.execPath, [join(OUT, "run.mjs"), "serve"], {
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", SERVE_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (stdout += b.toString()));
    api = (await waitFor(/status page\s+(http:\/\/\S+)\/status/))[1]!;
    demoEndpoints = (await waitFor(/endpoints demo-primary and demo-backup on (http:\/\/\S+)/))[1]!;
    await waitFor(/report .*demo-failover: serving/);
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGINT");
      await exited;
    }
  });

  const open = async (path: string, colorScheme: "light" | "dark" = "light") => {
    const context = await browser!.newContext({
      bypassCSP: true,
      colorScheme,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const response = await page.goto(`${api}/${path}`);
    return { page, response, close: () => context.close() };
  };

  describe("status page in a browser", () => {
    it("renders the demo profile with the serving endpoint marked, and axe finds no violations", async () => {
      const { page, response, close } = await open("status");
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-type"]).toContain("text/html");
      await expect(page.locator("h2").first().textContent()).resolves.toContain("demo-failover");
      await expect(page.locator("li.serving strong").textContent()).resolves.toBe("demo-primary");
      await expect(page.locator('li.serving [data-serving="true"]').textContent()).resolves.toContain(
        "Serving",
      );
      await page.screenshot({ path: join(SHOTS, "status-page.png"), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      await close();
    });

    it("shows the backup serving and an open incident after the demo primary fails and an audit runs", async () => {
      expect((await fetch(`${demoEndpoints}/fail?endpoint=primary`)).status).toBe(200);
      const audit = await fetch(`${api}/profiles/${DEMO}/audit`, { method: "POST" });
      expect(audit.status).toBe(200);
      const { page, close } = await open(`status/${DEMO}`);
      await expect(page.locator("li.serving strong").textContent()).resolves.toBe("demo-backup");
      const incidents = await page.locator('section[aria-label="Open incidents"]').textContent();
      expect(incidents).toContain("PRIMARY_NOT_SERVING");
      const timeline = await page.locator("main").textContent();
      expect(timeline).toContain("Serving changed from demo-primary to demo-backup");
      await page.screenshot({ path: join(SHOTS, "status-page-failed-over.png"), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      await close();
    });

    it("passes axe in the dark colour scheme too", async () => {
      const { page, close } = await open(`status/${DEMO}`, "dark");
      await page.screenshot({ path: join(SHOTS, "status-page-dark.png"), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      await close();
    });
  });
}
