import functions, { type LogLevel } from "@azure/functions";
import { Cron } from "croner";
import { describeStores } from "../adapters/store/create-stores.js";
import { buildRuntime, type Runtime } from "../composition-root.js";
import { loadConfig, type Environment } from "../config/load-config.js";
import { allFunctions } from "../functions/all-functions.js";
import type {
  HttpFunctionDefinition,
  QueueFunctionDefinition,
  TimerFunctionDefinition,
} from "../functions/definition.js";
import { startDemo, type Demo } from "./demo.js";
import { startDemoDns } from "./demo-dns.js";
import { startEmbeddedAzurite, type EmbeddedAzurite } from "./embedded-azurite.js";
import { startHttpHost, type HttpHost } from "./http-host.js";
import { drainAuditQueue } from "./serve-queue-worker.js";

// @azure/functions is CommonJS whose classes Node's ESM loader cannot see as named exports.
const { InvocationContext } = functions;

export interface ServeOptions {
  env: Environment;
  /** Overrides SERVE_PORT. */
  port?: number;
  out(line: string): void;
}

export interface RunningServe {
  url: string;
  stop(): Promise<void>;
}

/**
 * The local host: embedded Azurite unless storage is configured, the bundled demo unless a live
 * source (TM_WATCH or LIVE_PROFILE_FILE) is configured, the app's HTTP functions at /api/…, and
 * the audit timer on AUDIT_SCHEDULE plus one audit at start. Everything stops in stop().
 */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const out = (line: string) => options.out(line);
  const env: Record<string, string | undefined> = { ...options.env };
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const c of cleanups.splice(0).reverse())
      await c().catch((e: unknown) => out(`serve: stop step failed: ${String(e)}`));
  };
  try {
    const preliminary = loadConfig(env); // fail fast, naming settings, before starting anything
    let azurite: EmbeddedAzurite | undefined;
    if (preliminary.store.connection.kind === "none" && preliminary.store.desiredStateDir === undefined) {
      azurite = await startEmbeddedAzurite();
      cleanups.push(() => azurite!.stop());
      env["AzureWebJobsStorage"] = azurite.connectionString;
    }
    let demo: Demo | undefined;
    if (preliminary.arm.watch.length === 0 && preliminary.arm.liveProfileFile === undefined) {
      demo = await startDemo();
      cleanups.push(() => demo!.stop());
      env["LIVE_PROFILE_FILE"] = demo.profileFile;
      env["SERVING_BASIS"] ??= "probes";
      // The demo writes only its own temp file, so plan/apply (and drills) work out of the box.
      env["TM_ENABLE_WRITE_FEATURES"] ??= "true";
      const demoDns = await startDemoDns();
      cleanups.push(() => demoDns.close());
      env["DNS_RESOLVERS"] ??= demoDns.address;
      env["DRILL_POLL_SECONDS"] ??= "1";
      env["DRILL_DEADLINE_SECONDS"] ??= "20";
    }
    // Nothing here reads the drill queue: drill steps run in this process, on timers.
    env["DRILL_RUNNER"] ??= "in-process";
    const config = loadConfig(env);
    const rt = await buildRuntime(config);
    cleanups.push(() => rt.close());
    if (demo) await demo.seed(rt.desired);
    if (demo && config.write.enabled) rt.writer = demo.writer;

    const log = (level: LogLevel, line: string) => {
      if (level !== "trace" && level !== "debug") out(`${new Date().toISOString()} ${line}`);
    };
    const port = options.port ?? config.serve.port;
    const http: HttpHost = await startHttpHost(
      rt,
      allFunctions.filter((d): d is HttpFunctionDefinition => d.kind === "http"),
      port,
      log,
    ).catch((e: unknown) => {
      throw listenError(e, port, options.port !== undefined);
    });
    cleanups.push(() => http.close());

    const timer = allFunctions.find((d): d is TimerFunctionDefinition => d.kind === "timer");
    const audit = timer ? timer.create(rt) : undefined;
    let running: Promise<void> = Promise.resolve();
    const runAudit = (isPastDue: boolean) => {
      if (!audit) return;
      running = running.then(async () => {
        const context = new InvocationContext({
          functionName: "audit",
          logHandler: (level, ...a) => log(level, `[audit] ${a.map(String).join(" ")}`),
        });
        try {
          await audit(
            {
              isPastDue,
              schedule: { adjustForDST: false },
              scheduleStatus: { last: "", next: "", lastUpdated: "" },
            },
            context,
          );
          // Above FANOUT_THRESHOLD the timer only enqueued: audit those messages here, as the host would.
          const queued = allFunctions.find((d): d is QueueFunctionDefinition => d.kind === "queue");
          if (queued) await drainAuditQueue(rt, queued, log);
          await printSummary(rt, out);
        } catch (e: unknown) {
          out(`audit failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      });
    };
    const cron = new Cron(
      config.host.auditSchedule,
      { mode: "6-part", timezone: "Etc/UTC", protect: true },
      () => runAudit(false),
    );
    cleanups.push(async () => {
      cron.stop();
      await running;
    });

    out(banner(http.url, config.host.auditSchedule, describeStores(config), azurite !== undefined, demo));
    runAudit(false);
    return { url: http.url, stop: stopAll };
  } catch (e: unknown) {
    await stopAll();
    throw e;
  }
}

/** EADDRINUSE/EACCES name the setting to change instead of Node's bare `listen EADDRINUSE …`. */
function listenError(e: unknown, port: number, fromFlag: boolean): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "EADDRINUSE" && code !== "EACCES") return e;
  const why =
    code === "EADDRINUSE"
      ? `port ${port} on 127.0.0.1 is already in use (another serve or \`func start\`?)`
      : `port ${port} on 127.0.0.1 may not be opened by this user`;
  const from = fromFlag ? "from --port" : "SERVE_PORT";
  return new Error(
    `${why} (${from}): stop that process or set SERVE_PORT (or --port) to a free port; 0 picks one`,
    { cause: e },
  );
}

async function printSummary(rt: Runtime, out: (line: string) => void): Promise<void> {
  for (const r of await rt.reports.listLatest()) {
    const findings = r.findings.map((f) => `${f.code}(${f.severity})`).join(", ") || "no findings";
    out(`  report ${r.profile}: serving ${r.servingEndpoint ?? "nothing"}; ${findings}`);
  }
}

/** How to silence the demo profile for two hours (docs/silences.md): findings stay, notifications wait. */
function silenceHint(url: string, profileKey: string): string[] {
  const endsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const body = JSON.stringify({ matchers: { profile: profileKey }, endsAt, comment: "trying silences" });
  return [
    `  curl -s -X POST ${url}/silences -H 'content-type: application/json' \\`,
    `       -d '${body}'   # silence the demo profile for 2 h`,
    `  curl -s ${url}/silences          # active silences; DELETE ${url}/silences/{id} ends one now`,
  ];
}

function banner(
  url: string,
  schedule: string,
  stores: string,
  embedded: boolean,
  demo: Demo | undefined,
): string {
  const lines = [
    "tm-sentinel serve: local development host",
    `  HTTP API      ${url}/profiles   (OpenAPI: ${url}/openapi.json)`,
    `  status page   ${url}/status`,
    "                function keys are NOT enforced here (127.0.0.1 only); in Azure every route needs one",
    `  audit timer   ${schedule} (UTC, NCRONTAB) and once now`,
    `  storage       ${embedded ? "embedded Azurite in memory (lost on exit); " : ""}${stores}`,
  ];
  if (demo) {
    const p = `${url}/profiles/${demo.profileKey}`;
    lines.push(
      `  demo          profile ${demo.profileKey}, endpoints demo-primary and demo-backup on ${demo.endpointsUrl}`,
      "",
      "Try:",
      `  curl -s ${p}/report`,
      `  curl -i ${p}/desired             # the document and its ETag`,
      `  ETAG=$(curl -si ${p}/desired | tr -d '\\r' | sed -n 's/^etag: //Ip')`,
      `  curl -s -X PUT ${p}/desired -H 'content-type: application/json' -H "If-Match: $ETAG" \\`,
      `       -d '{"routingMethod":"Priority","endpoints":[{"name":"demo-backup","enabled":true},{"name":"demo-primary","enabled":true}]}'`,
      "       # a stale ETag answers 412: someone else changed it since your GET",
      `  curl -s -X POST ${p}/audit        # ORDER_DRIFT: live order differs from the desired one`,
      `  curl -s '${demo.endpointsUrl}/fail?endpoint=primary'      # primary|backup answers 503; audit again`,
      `  curl -s '${demo.endpointsUrl}/recover?endpoint=primary'   # heals it again`,
      `  curl -si -X POST ${p}/plan        # the changes that reconcile it; note the ETag and "hash"`,
      `  curl -s -X POST ${p}/apply -H 'content-type: application/json' -H 'If-Match: <ETag>' -d '{"planHash":"<hash>"}'`,
      ...silenceHint(url, demo.profileKey),
      `  curl -s -X POST ${p}/drills       # failover drill: primary out, backup answers, primary back (~10 s)`,
      `  curl -s ${p}/drills               # drill history with every step (docs/drills.md)`,
    );
  }
  lines.push("", "Ctrl+C stops everything.");
  return lines.join("\n");
}
