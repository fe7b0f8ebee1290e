import type { CliIo } from "./io.js";

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Commands load lazily so `check` never pays for the Azure SDKs that `audit` needs. */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {};

/** Called by commands.ts, one line per command; main.ts reads the table. */
export function registerCommand(name: string, summary: string, load: () => Promise<Command>): void {
  commands[name] = { summary, load };
}
