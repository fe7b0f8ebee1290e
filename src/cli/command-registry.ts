import type { CliIo } from "./io.js";

export type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Commands load lazily so `check` never pays for the Azure SDKs that `audit` needs. A Map, so a
 * name such as "constructor" is an unknown command, not an Object.prototype member.
 */
export const commands = new Map<string, { summary: string; load: () => Promise<Command> }>();

/** Called by commands.ts, one line per command; main.ts reads the table. */
export function registerCommand(name: string, summary: string, load: () => Promise<Command>): void {
  commands.set(name, { summary, load });
}
