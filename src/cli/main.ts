import { describeError } from "../app/errors.js";
import { commands } from "./command-registry.js";
import "./commands.js";
import { EXIT, processIo, UsageError, type CliIo } from "./io.js";

function usage(): string {
  const lines = [...commands.entries()].map(([n, c]) => `  ${n.padEnd(12)} ${c.summary}`);
  return [
    "Usage: tm-sentinel <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `tm-sentinel <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  // A Map, so a name such as "constructor" is an unknown command, not an Object.prototype member.
  const command = commands.get(name);
  if (!command) {
    io.err(`tm-sentinel: unknown command "${name}"\n\n${usage()}`);
    return EXIT.USAGE;
  }
  try {
    return await (
      await command.load()
    )(rest, io);
  } catch (e: unknown) {
    if (e instanceof UsageError) {
      io.err(`tm-sentinel ${name}: ${e.message}`);
      return EXIT.USAGE;
    }
    io.err(`tm-sentinel ${name}: ${describeError(e)}`);
    return EXIT.USAGE;
  }
}
