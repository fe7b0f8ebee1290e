import { parseArgs } from "node:util";
import { ProfileFileSource } from "../adapters/arm/profile-file-source.js";
import { planProfile } from "../app/reconcile/plan-profile.js";
import { buildRuntime } from "../composition-root.js";
import { loadConfig, type Environment } from "../config/load-config.js";
import type { Plan } from "../core/reconcile/plan.js";
import { planReconcile } from "../core/reconcile/plan-reconcile.js";
import { readDesired, readProfileFile } from "./check-command.js";
import { formatPlanText } from "./format-plan-text.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

export const PLAN_USAGE = `Usage: tm-sentinel plan --profile FILE --desired FILE [--format text|json] [--force]
       tm-sentinel plan KEY [--format text|json] [--force]

Shows the changes that would make Traffic Manager match the desired state (docs/reconcile.md).
With --profile/--desired it works offline on files (exported profile JSON, desired-state JSON;
health from the statuses in the file). With KEY ({subscriptionId}/{resourceGroup}/{profileName})
it uses the app's configuration (env): live profile from ARM, stored desired state, last probes.

  --force          lift the guard rails that --force may lift (never "no enabled endpoint")
  --format F       text (default, diff-like) or json (the plan)

Exit codes: 0 nothing to change; 2 changes planned; 1 usage or input error.`;

export interface PlanArgs {
  help: boolean;
  key?: string;
  profile?: string;
  desired?: string;
  format: "text" | "json";
  force: boolean;
}

export function parsePlanArgs(args: string[]): PlanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        profile: { type: "string" },
        desired: { type: "string" },
        format: { type: "string", default: "text" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e: unknown) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n\n${PLAN_USAGE}`);
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (format !== "text" && format !== "json")
    throw new UsageError(`--format must be text or json, got "${format}"`);
  const out: PlanArgs = { help: values.help, format, force: values.force };
  if (values.help) return out;
  const offline = values.profile !== undefined || values.desired !== undefined;
  if (offline && positionals.length > 0)
    throw new UsageError(`give either KEY or --profile/--desired, not both\n\n${PLAN_USAGE}`);
  if (offline) {
    if (!values.profile || !values.desired)
      throw new UsageError(`--profile FILE and --desired FILE go together\n\n${PLAN_USAGE}`);
    return { ...out, profile: values.profile, desired: values.desired };
  }
  if (positionals.length !== 1)
    throw new UsageError(`KEY (or --profile and --desired) is required\n\n${PLAN_USAGE}`);
  return { ...out, key: checkedKey(positionals[0]!) };
}

/** `{sub}/{rg}/{name}` or a profile resource ID, as the lower-case key. */
export function checkedKey(text: string): string {
  const id =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/trafficManagerProfiles\/([^/]+)\/?$/i.exec(
      text,
    );
  const parts = id ? [id[1]!, id[2]!, id[3]!] : text.split("/");
  if (parts.length !== 3 || parts.some((p) => p.trim() === ""))
    throw new UsageError(
      `KEY must be {subscriptionId}/{resourceGroup}/{profileName} or a profile resource ID, got "${text}"`,
    );
  return parts.join("/").toLowerCase();
}

export function printPlan(plan: Plan, format: "text" | "json", io: CliIo): number {
  io.out(format === "json" ? JSON.stringify(plan, null, 2) : formatPlanText(plan));
  return plan.changes.length > 0 ? EXIT.FINDINGS : EXIT.OK;
}

/** `tm-sentinel plan`: offline on files, or for a configured profile. */
export async function run(args: string[], io: CliIo, env: Environment = process.env): Promise<number> {
  const options = parsePlanArgs(args);
  if (options.help) {
    io.out(PLAN_USAGE);
    return EXIT.OK;
  }
  if (options.profile !== undefined && options.desired !== undefined) {
    const desired = await readDesired(options.desired);
    const snapshot = await readProfileFile(new ProfileFileSource(options.profile), options.profile);
    const plan = planReconcile({
      profile: snapshot.profiles[0]!,
      related: snapshot.related,
      desired,
      force: options.force,
    });
    return printPlan(plan, options.format, io);
  }
  const runtime = await buildRuntime(loadConfig(env));
  try {
    const { plan } = await planProfile(runtime, { profile: options.key!, force: options.force });
    return printPlan(plan, options.format, io);
  } finally {
    await runtime.close();
  }
}
