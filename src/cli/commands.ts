import { registerCommand } from "./main.js";

// One line per command; each module exports `run(args, io)`.
registerCommand(
  "check",
  "audit an exported profile JSON file",
  async () => (await import("./check-command.js")).run,
);
