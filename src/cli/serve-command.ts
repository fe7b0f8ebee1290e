import { parseArgs } from "node:util";
import { ConfigError } from "../config/load-config.js";
import { startServe } from "../serve/start-serve.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

const USAGE = `usage: tm-sentinel serve [--port <n>]

Local development host: the HTTP API at http://localhost:7071/api/… (SERVE_PORT), the audit timer
(AUDIT_SCHEDULE), embedded Azurite unless AzureWebJobsStorage/STATE_TABLE_ENDPOINT is set, and a
bundled demo profile unless TM_WATCH or LIVE_PROFILE_FILE is set. Ctrl+C (SIGINT) or SIGTERM stops it.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (e: unknown) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  if (values.help === true) {
    io.out(USAGE);
    return EXIT.OK;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`--port must be a port number, got "${values.port}"\n${USAGE}`);

  // `serve | head -3`: once the reader goes away, stop cleanly (temp folder removed) instead of
  // dying of an unhandled EPIPE.
  let stdoutOpen = true;
  let onStdoutClosed: (why: string) => void = () => undefined;
  const stdoutClosed = new Promise<string>((resolve) => (onStdoutClosed = resolve));
  const onStdoutError = (e: NodeJS.ErrnoException) => {
    stdoutOpen = false;
    onStdoutClosed(`stdout closed (${e.code ?? e.message})`);
  };
  process.stdout.on("error", onStdoutError);
  const out = (line: string) => {
    if (!stdoutOpen) return;
    try {
      io.out(line);
    } catch (e: unknown) {
      onStdoutError(e as NodeJS.ErrnoException);
    }
  };

  let serve;
  try {
    serve = await startServe({
      env: process.env,
      ...(port !== undefined ? { port } : {}),
      out,
    });
  } catch (e: unknown) {
    if (e instanceof ConfigError) {
      io.err(
        [
          "tm-sentinel serve: invalid configuration",
          ...e.problems.map((p) => `  ${p.setting}: ${p.message}`),
        ].join("\n"),
      );
      return EXIT.USAGE;
    }
    throw e;
  }
  const signal = await Promise.race([
    new Promise<string>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    }),
    stdoutClosed,
  ]);
  out(`tm-sentinel serve: ${signal} received, stopping…`);
  await serve.stop();
  out("tm-sentinel serve: stopped");
  process.stdout.off("error", onStdoutError);
  // Later writes (e.g. a final newline) must not raise EPIPE once the reader is gone.
  if (!stdoutOpen) process.stdout.on("error", () => undefined);
  return EXIT.OK;
}
