import { parseArgs } from "node:util";
import { applyPlan } from "../app/reconcile/apply-plan.js";
import { planProfile } from "../app/reconcile/plan-profile.js";
import { buildRuntime } from "../composition-root.js";
import { loadConfig, type Environment } from "../config/load-config.js";
import { formatApplyText, formatPlanText } from "./format-plan-text.js";
import { EXIT, UsageError, type CliIo } from "./io.js";
import { checkedKey } from "./plan-command.js";

export const APPLY_USAGE = `Usage: tm-sentinel apply KEY [--plan-hash H | --yes] [--force] [--format text|json]

Applies the plan of \`tm-sentinel plan KEY\` to Traffic Manager with the app's configuration (env);
needs TM_ENABLE_WRITE_FEATURES=true and the Traffic Manager Contributor role.

  --plan-hash H    apply only if the plan is still the one with this hash (else exit 1, nothing written)
  --yes            apply the plan as it is now, without a hash
  --force          lift the guard rails that --force may lift
  --format F       text (default) or json (the apply record)

Without --plan-hash or --yes it only prints the plan. Exit codes: 0 applied (or nothing to do);
2 printed, not applied; 1 usage error, refused (writes off, guard rail, stale hash) or a failed write.`;

export async function run(args: string[], io: CliIo, env: Environment = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        "plan-hash": { type: "string" },
        yes: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e: unknown) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n\n${APPLY_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(APPLY_USAGE);
    return EXIT.OK;
  }
  if (positionals.length !== 1) throw new UsageError(`KEY is required\n\n${APPLY_USAGE}`);
  if (values.format !== "text" && values.format !== "json")
    throw new UsageError(`--format must be text or json, got "${values.format}"`);
  const profile = checkedKey(positionals[0]!);
  const runtime = await buildRuntime(loadConfig(env));
  try {
    const planHash = values["plan-hash"];
    if (planHash === undefined && !values.yes) {
      const { plan } = await planProfile(runtime, { profile, force: values.force });
      io.out(formatPlanText(plan));
      if (plan.changes.length === 0) return EXIT.OK;
      io.err(`Nothing applied: re-run with --plan-hash ${plan.hash} to apply exactly this plan (or --yes).`);
      return EXIT.FINDINGS;
    }
    const record = await applyPlan(
      { ...runtime, writeEnabled: runtime.config.write.enabled },
      {
        profile,
        // The hash covers the desired document, so a changed desired state shows as a changed plan.
        condition: { kind: "match", etag: "*" },
        planHash,
        force: values.force,
        appliedBy: "cli",
      },
    );
    io.out(values.format === "json" ? JSON.stringify(record, null, 2) : formatApplyText(record));
    return record.results.some((r) => r.status !== "applied") ? EXIT.USAGE : EXIT.OK;
  } finally {
    await runtime.close();
  }
}
