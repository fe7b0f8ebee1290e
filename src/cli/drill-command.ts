import { parseArgs } from "node:util";
import { assertDrillsEnabled } from "../app/drills/drill-gate.js";
import { drillDepsFromRuntime } from "../app/drills/drill-runtime.js";
import { requestDrill } from "../app/drills/request-drill.js";
import { runDrillStep } from "../app/drills/run-drill-step.js";
import { buildRuntime } from "../composition-root.js";
import { ConfigError, loadConfig, type Environment } from "../config/load-config.js";
import { drillResult, type Drill, type DrillStep } from "../core/drill/drill.js";
import { parseProfileKey } from "../core/profile-key.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

const USAGE = `usage: tm-sentinel drill <subscriptionId>/<resourceGroup>/<profileName> [--dry-run] [--format text|json]

Runs a failover drill in this process with the app's configuration from the environment (needs
TM_ENABLE_WRITE_FEATURES=true): preflight, silence, disable the primary, watch ARM and DNS until the
standby answers, re-enable it, watch until the primary answers again. Each step is printed as it
happens with the seconds since the start. --dry-run stops after the preflight and writes nothing.
Exit 0: passed; 2: failed or aborted; 1: usage or config error.`;

interface DrillArgs {
  profile: string;
  dryRun: boolean;
  format: "text" | "json";
}

function parseDrillArgs(args: string[]): DrillArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        "dry-run": { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (e: unknown) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return "help";
  const [key, ...extra] = positionals;
  if (key === undefined || extra.length > 0 || parseProfileKey(key) === undefined)
    throw new UsageError(
      `give exactly one profile key {subscriptionId}/{resourceGroup}/{profileName}\n${USAGE}`,
    );
  if (values.format !== "text" && values.format !== "json")
    throw new UsageError(`--format must be text or json, got "${values.format}"\n${USAGE}`);
  return { profile: key.toLowerCase(), dryRun: values["dry-run"] === true, format: values.format };
}

function line(drill: Drill, step: DrillStep): string {
  const elapsed = (Date.parse(step.at) - Date.parse(drill.startedAt)) / 1000;
  return `[+${elapsed.toFixed(1).padStart(6)} s] ${step.action.padEnd(22)} ${step.observed}`;
}

export async function run(args: string[], io: CliIo, env: Environment = process.env): Promise<number> {
  const parsed = parseDrillArgs(args);
  if (parsed === "help") {
    io.out(USAGE);
    return EXIT.OK;
  }
  let config;
  try {
    // The steps run here, on timers: the drill queue of a Functions host is not involved.
    config = loadConfig({ ...env, DRILL_RUNNER: "in-process" });
    assertDrillsEnabled(config);
  } catch (e: unknown) {
    if (e instanceof ConfigError) {
      io.err(
        [
          "tm-sentinel drill: invalid configuration",
          ...e.problems.map((p) => `  ${p.setting}: ${p.message}`),
        ].join("\n"),
      );
      return EXIT.USAGE;
    }
    throw e;
  }
  const rt = await buildRuntime(config);
  try {
    let printed = 0;
    const print = (d: Drill) => {
      if (parsed.format === "text") for (const s of d.steps.slice(printed)) io.out(line(d, s));
      printed = d.steps.length;
    };
    const deps = drillDepsFromRuntime(rt, { onStep: print });
    rt.localDrills!.attach(async (message) => {
      await runDrillStep(deps, message);
    });
    const started = await requestDrill(deps, {
      profile: parsed.profile,
      dryRun: parsed.dryRun,
      trigger: "cli",
    });
    if (parsed.format === "text") io.out(`drill ${started.id} of ${started.profile}`);
    print(started);
    await rt.localDrills!.idle();
    const final = (await rt.drills.get(parsed.profile, started.id))?.drill ?? started;
    if (parsed.format === "json") io.out(JSON.stringify(drillResult(final), null, 2));
    else
      io.out(
        `${final.outcome ?? "unfinished"}: ${final.reason ?? `failover ${final.failoverSeconds ?? "?"} s, failback ${final.failbackSeconds ?? "?"} s`}`,
      );
    return final.outcome === "passed" ? EXIT.OK : EXIT.FINDINGS;
  } finally {
    await rt.close();
  }
}
