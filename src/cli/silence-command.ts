import { userInfo } from "node:os";
import { AppError } from "../app/errors.js";
import type { StoredSilence } from "../app/ports/silence-store.js";
import { postSilence } from "../app/silences/silence-commands.js";
import { buildRuntime, type Runtime } from "../composition-root.js";
import { ConfigError, loadConfig, type Environment } from "../config/load-config.js";
import { EXIT, type CliIo } from "./io.js";
import { parseSilenceArgs, SILENCE_USAGE, type SilenceArgs } from "./silence-args.js";

/** Who runs the CLI: the OS user (the CLI's credential is the environment's storage access). */
function cliUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

/** `id  state  profile[/endpoint]  codes  startsAt → endsAt  by  comment`, one line per silence. */
export function formatSilenceLine(s: StoredSilence): string {
  const what = `${s.matchers.profile}${s.matchers.endpoint !== undefined ? ` endpoint ${s.matchers.endpoint}` : ""}`;
  const codes = s.matchers.codes ? ` codes ${s.matchers.codes.join(",")}` : "";
  return `${s.id}  ${s.state.padEnd(7)}  ${what}${codes}  ${s.startsAt} → ${s.endsAt}  by ${s.createdBy}  "${s.comment}"`;
}

async function execute(
  rt: Runtime,
  args: Exclude<SilenceArgs, { kind: "help" }>,
  io: CliIo,
): Promise<number> {
  const now = rt.clock.now();
  if (args.kind === "add") {
    const starts = args.startsAt !== undefined ? Date.parse(args.startsAt) : now.getTime();
    const body = {
      matchers: {
        profile: args.profile,
        ...(args.endpoint !== undefined && { endpoint: args.endpoint }),
        ...(args.codes !== undefined && { codes: args.codes }),
      },
      ...(args.startsAt !== undefined && { startsAt: args.startsAt }),
      endsAt: new Date((Number.isNaN(starts) ? now.getTime() : starts) + args.durationMs).toISOString(),
      comment: args.comment,
    };
    const { stored } = await postSilence(rt, { body, createdBy: cliUser() });
    io.out(`Silenced ${stored.matchers.profile} until ${stored.endsAt} (id ${stored.id}).`);
    io.out(`Expire it early with: tm-sentinel silence expire ${stored.id}`);
    return EXIT.OK;
  }
  if (args.kind === "list") {
    const silences = await rt.silences.list({ state: args.state, at: now });
    if (args.format === "json") io.out(JSON.stringify({ silences }, null, 2));
    else
      io.out(
        silences.length === 0 ? `No ${args.state} silences.` : silences.map(formatSilenceLine).join("\n"),
      );
    return EXIT.OK;
  }
  const expired = await rt.silences.expire(args.id, now, undefined, cliUser());
  io.out(`Expired silence ${expired.id} at ${expired.endsAt}.`);
  return EXIT.OK;
}

export async function run(args: string[], io: CliIo, env: Environment = process.env): Promise<number> {
  const parsed = parseSilenceArgs(args);
  if (parsed.kind === "help") {
    io.out(SILENCE_USAGE);
    return EXIT.OK;
  }
  let rt: Runtime;
  try {
    rt = await buildRuntime(loadConfig(env));
  } catch (e: unknown) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(
      [
        "tm-sentinel silence: invalid configuration",
        ...e.problems.map((p) => `  ${p.setting}: ${p.message}`),
      ].join("\n"),
    );
    return EXIT.USAGE;
  }
  try {
    if (rt.config.store.connection.kind === "none")
      io.err(
        "tm-sentinel silence: no storage configured (AzureWebJobsStorage or STATE_TABLE_ENDPOINT): silences live only in this process.",
      );
    return await execute(rt, parsed, io);
  } catch (e: unknown) {
    if (!(e instanceof AppError)) throw e;
    io.err(
      [`tm-sentinel silence: ${e.message}`, ...e.errors.map((i) => `  ${i.path}: ${i.message}`)].join("\n"),
    );
    return EXIT.USAGE;
  } finally {
    await rt.close();
  }
}
