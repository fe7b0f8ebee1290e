import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DesiredStateStore } from "../app/ports/desired-state-store.js";
import type { DesiredState } from "../core/desired-state.js";
import { demoProfileJson, DEMO_HOSTS, DEMO_PROFILE_KEY } from "./demo-profile.js";
import { DemoTrafficManagerWriter } from "./demo-writer.js";
import type { TrafficManagerWriter } from "../app/ports/traffic-manager-writer.js";

export interface Demo {
  profileKey: string;
  /** The exported-profile file the live source reads (LIVE_PROFILE_FILE). */
  profileFile: string;
  /** Base URL of the demo endpoints' server, for the fail/recover switches. */
  endpointsUrl: string;
  seed(desired: DesiredStateStore): Promise<void>;
  /** Applies writes (apply, drills) to the demo profile file, as ARM would. */
  writer: TrafficManagerWriter;
  stop(): Promise<void>;
}

/**
 * The bundled demo: two endpoints (primary, backup) served on one loopback port, because a Traffic
 * Manager profile probes every endpoint on the same monitor port; each endpoint's custom `Host`
 * header tells them apart. `GET /fail?endpoint=primary` makes one answer 503, `/recover` heals it.
 */
export async function startDemo(): Promise<Demo> {
  const failing = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://demo");
    const host = (req.headers.host ?? "").split(":")[0] ?? "";
    const endpoint = Object.entries(DEMO_HOSTS).find(([, h]) => h === host)?.[0];
    if (url.pathname === "/fail" || url.pathname === "/recover") {
      const which = url.searchParams.get("endpoint") ?? "primary";
      if (!(which in DEMO_HOSTS)) {
        res.statusCode = 400;
        res.end(`endpoint must be one of ${Object.keys(DEMO_HOSTS).join(", ")}\n`);
        return;
      }
      if (url.pathname === "/fail") failing.add(which);
      else failing.delete(which);
      // Traffic Manager's statuses follow the health at once (the real service takes a few probes).
      void writer
        .followHealth(`demo-${which}`)
        .catch(() => undefined)
        .then(() =>
          res.end(
            `${which} ${url.pathname === "/fail" ? "now fails its health probe (503)" : "is healthy again"}\n`,
          ),
        );
      return;
    }
    const down = endpoint === undefined || failing.has(endpoint);
    res.statusCode = down ? 503 : 200;
    res.end(down ? "unavailable\n" : `ok from ${endpoint}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const dir = await mkdtemp(join(tmpdir(), "tm-sentinel-demo-"));
  const profileFile = join(dir, "demo-profile.json");
  await writeFile(profileFile, JSON.stringify(demoProfileJson(port), null, 2));
  const writer = new DemoTrafficManagerWriter(
    profileFile,
    DEMO_PROFILE_KEY,
    (name) => !failing.has(name.replace(/^demo-/, "")),
  );
  const desired: DesiredState = {
    routingMethod: "Priority",
    endpoints: [
      { name: "demo-primary", enabled: true },
      { name: "demo-backup", enabled: true },
    ],
    monitor: { protocol: "HTTP", port, path: "/health" },
    ttl: 60,
  };
  return {
    profileKey: DEMO_PROFILE_KEY,
    profileFile,
    endpointsUrl: `http://127.0.0.1:${port}`,
    writer,
    async seed(store) {
      if (!(await store.get(DEMO_PROFILE_KEY))) await store.create(DEMO_PROFILE_KEY, desired, "serve-demo");
    },
    async stop() {
      await closeServer(server);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
