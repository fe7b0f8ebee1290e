import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pLimit from "p-limit";
import { Agent, request } from "undici";
import { benchPaths, type CycleFigures, type Scenario } from "./bench-scenario.js";

export const BLACKBOX_INSTALL = "apt-get install -y prometheus-blackbox-exporter";
const CANDIDATES = [
  "/usr/bin/prometheus-blackbox-exporter",
  "/usr/local/bin/blackbox_exporter",
  "/usr/bin/blackbox_exporter",
];

export function findBlackbox(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One module per timeout: GET, no redirects, 200 only, IPv4 — the same rules as our probe. */
function configFor(timeoutsMs: readonly number[]): string {
  const modules = timeoutsMs.map(
    (t) =>
      `  http_${t}ms:\n    prober: http\n    timeout: ${t}ms\n    http:\n      method: GET\n` +
      `      follow_redirects: false\n      valid_status_codes: [200]\n      preferred_ip_protocol: ip4\n`,
  );
  return `modules:\n${modules.join("")}`;
}

export interface Blackbox {
  run(scenario: Scenario, ports: readonly number[]): Promise<CycleFigures>;
  stop(): void;
}

/** Starts blackbox_exporter on loopback with a generated config and drives it through /probe. */
export async function startBlackbox(binary: string, timeoutsMs: readonly number[]): Promise<Blackbox> {
  const dir = await mkdtemp(join(tmpdir(), "tm-sentinel-bench-"));
  const config = join(dir, "blackbox.yml");
  await writeFile(config, configFor(timeoutsMs));
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [`--config.file=${config}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=error"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const res = await request(`${base}/-/healthy`);
      await res.body.dump();
      if (res.statusCode === 200) break;
    } catch {
      if (i > 100) throw new Error("blackbox_exporter did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    async run(scenario, ports) {
      // Keep-alive to the exporter itself, so only the exporter's probing is measured.
      const agent = new Agent({ connections: scenario.concurrency, keepAliveTimeout: 30_000 });
      const limit = pLimit(scenario.concurrency);
      const module = `http_${scenario.timeoutMs}ms`;
      const kinds: Record<string, number> = {};
      const started = performance.now();
      const outcomes = await Promise.all(
        benchPaths(scenario, ports).map(({ port: p, path }) =>
          limit(async () => {
            const target = encodeURIComponent(`http://127.0.0.1:${p}${path}`);
            const res = await request(`${base}/probe?target=${target}&module=${module}`, {
              dispatcher: agent,
            });
            const ok = /^probe_success 1$/m.test(await res.body.text());
            kinds[ok ? "up" : "failed"] = (kinds[ok ? "up" : "failed"] ?? 0) + 1;
            return ok;
          }),
        ),
      );
      const wallMs = performance.now() - started;
      await agent.close();
      const up = outcomes.filter(Boolean).length;
      return { wallMs, up, failed: outcomes.length - up, kinds };
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}
