import { parseArgs } from "node:util";
import { auditOptionsFromConfig, runAuditCycle, type CycleResult } from "../app/run-audit.js";
import { drillDepsFromRuntime } from "../app/drills/drill-runtime.js";
import { recoverStalledDrills } from "../app/drills/recover-drills.js";
import { buildRuntime } from "../composition-root.js";
import { ConfigError, loadConfig, type AppConfig, type Environment } from "../config/load-config.js";
import { atLeast } from "../core/finding.js";
import { formatReportText } from "./format-report-text.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

const USAGE = `usage: tm-sentinel audit --once [--format text|json]

One full audit cycle with the app's configuration from the environment: live profiles from ARM
(TM_WATCH) or LIVE_PROFILE_FILE, desired state from the configured store (e.g. DESIRED_STATE_DIR),
probes, findings. Exit 0: no findings at warning or above; 2: findings; 1: usage or config error.`;

interface AuditArgs {
  format: "text" | "json";
}

function parseAuditArgs(args: string[]): AuditArgs | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        once: { type: "boolean" },
        format: { type: "string", default: "text" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e: unknown) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  if (values.help === true) return "help";
  // Only one-shot runs exist from the CLI; the recurring schedule is the function host's timer.
  if (values.once !== true) throw new UsageError(`--once is required\n${USAGE}`);
  if (values.format !== "text" && values.format !== "json") {
    throw new UsageError(`--format must be text or json, got "${values.format}"\n${USAGE}`);
  }
  return { format: values.format };
}

/** The configuration, or every problem printed one per line (never a value: settings may be secret). */
function configOrProblems(env: Environment, io: CliIo): AppConfig | undefined {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (e: unknown) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(
      [
        "tm-sentinel audit: invalid configuration",
        ...e.problems.map((p) => `  ${p.setting}: ${p.message}`),
      ].join("\n"),
    );
    return undefined;
  }
  if (config.arm.watch.length === 0 && config.arm.liveProfileFile === undefined) {
    io.err(
      "tm-sentinel audit: invalid configuration\n" +
        "  TM_WATCH: set it to profile resource IDs, /subscriptions/{id} or /subscriptions/{id}/resourceGroups/{rg} (comma-separated)\n" +
        "  LIVE_PROFILE_FILE: or set this to an exported profile JSON file or directory instead of ARM",
    );
    return undefined;
  }
  return config;
}

/** Exit code as `check`: findings at warning or above (AUDIT_ERROR is critical) make it 2. */
export function exitCodeOf(result: CycleResult): number {
  const serious = result.reports.some((r) => r.findings.some((f) => atLeast(f.severity, "warning")));
  return serious || (result.errors?.length ?? 0) > 0 ? EXIT.FINDINGS : EXIT.OK;
}

export async function run(args: string[], io: CliIo, env: Environment = process.env): Promise<number> {
  const parsed = parseAuditArgs(args);
  if (parsed === "help") {
    io.out(USAGE);
    return EXIT.OK;
  }
  const config = configOrProblems(env, io);
  if (!config) return EXIT.USAGE;
  const runtime = await buildRuntime(config);
  try {
    // A drill whose process died may have left a primary disabled: put it back first.
    for (const r of await recoverStalledDrills(drillDepsFromRuntime(runtime)))
      io.err(`tm-sentinel audit: recovered drill ${r.drill.id} of ${r.drill.profile}: ${r.action}`);
    const result = await runAuditCycle(runtime, auditOptionsFromConfig(config));
    io.out(
      parsed.format === "json"
        ? JSON.stringify(result, null, 2)
        : result.reports.map((r) => formatReportText(r)).join("\n\n"),
    );
    for (const e of result.errors ?? [])
      io.err(`tm-sentinel audit: ${e.stage} failed${e.profile ? ` for ${e.profile}` : ""}: ${e.message}`);
    return exitCodeOf(result);
  } finally {
    await runtime.close();
  }
}
