import { parseArgs } from "node:util";
import { UsageError } from "./io.js";

export const SILENCE_USAGE = `usage:
  tm-sentinel silence add --profile KEY|* [--endpoint NAME] [--code CODE]... --for DURATION --comment TEXT
                          [--starts-at ISO-TIME]
  tm-sentinel silence list [--state current|expired] [--format text|json]
  tm-sentinel silence expire ID

Silences hold back notifications for matching findings (they stay in reports) until they end.
KEY is {subscriptionId}/{resourceGroup}/{profileName} of a watched profile; DURATION like 90m,
2h, 1h30m, 3d (at most 30 days). Uses the app's configuration (env), like \`audit --once\`.
See docs/silences.md.`;

export type SilenceArgs =
  | {
      kind: "add";
      profile: string;
      endpoint?: string;
      codes?: string[];
      durationMs: number;
      comment: string;
      startsAt?: string;
    }
  | { kind: "list"; state: "current" | "expired"; format: "text" | "json" }
  | { kind: "expire"; id: string }
  | { kind: "help" };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `2h`, `90m`, `1h30m`, `3d` → milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+[smhd])+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([smhd])/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total > 0 ? total : undefined;
}

function usage(message: string): UsageError {
  return new UsageError(`${message}\n${SILENCE_USAGE}`);
}

export function parseSilenceArgs(args: string[]): SilenceArgs {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") return { kind: "help" };
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        profile: { type: "string" },
        endpoint: { type: "string" },
        code: { type: "string", multiple: true },
        for: { type: "string" },
        comment: { type: "string" },
        "starts-at": { type: "string" },
        state: { type: "string", default: "current" },
        format: { type: "string", default: "text" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (e: unknown) {
    throw usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: "help" };
  if (sub === "add") {
    if (positionals.length > 0) throw usage(`unexpected argument "${positionals[0]!}"`);
    if (values.profile === undefined) throw usage("--profile is required");
    if (values.for === undefined) throw usage("--for is required (e.g. --for 2h)");
    const durationMs = parseDuration(values.for);
    if (durationMs === undefined)
      throw usage(`--for must be a duration such as 90m, 2h or 1h30m, got "${values.for}"`);
    if (values.comment === undefined || values.comment.trim() === "")
      throw usage("--comment is required: say why (it is shown with every silenced finding)");
    return {
      kind: "add",
      profile: values.profile,
      ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
      ...(values.code !== undefined && { codes: values.code }),
      durationMs,
      comment: values.comment,
      ...(values["starts-at"] !== undefined && { startsAt: values["starts-at"] }),
    };
  }
  if (sub === "list") {
    if (values.format !== "text" && values.format !== "json")
      throw usage(`--format must be text or json, got "${values.format}"`);
    if (values.state !== "current" && values.state !== "expired")
      throw usage(`--state must be current or expired, got "${values.state}"`);
    return { kind: "list", state: values.state, format: values.format };
  }
  if (sub === "expire") {
    if (positionals.length !== 1) throw usage("expire takes exactly one silence ID");
    return { kind: "expire", id: positionals[0]! };
  }
  throw usage(`unknown subcommand "${sub}"`);
}
