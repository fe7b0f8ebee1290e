/** Where CLI commands write; injected so tests capture output without spawning. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** Exit codes (README): 0 no findings at warning or above, 2 findings, 1 usage or input error. */
export const EXIT = { OK: 0, USAGE: 1, FINDINGS: 2 } as const;

/** Thrown by argument parsing; main() prints it with usage and exits 1. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
