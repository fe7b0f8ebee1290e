import { registerCommand } from "./main.js";

// One line per command; each module exports `run(args, io)`.
registerCommand(
  "check",
  "audit an exported profile JSON file",
  async () => (await import("./check-command.js")).run,
);
registerCommand(
  "alert",
  "alert test: send a test message through every configured channel",
  async () => (await import("./alert-test-command.js")).run,
);
registerCommand(
  "audit",
  "audit --once: one full audit cycle with the app's configuration (env)",
  async () => (await import("./audit-command.js")).run,
);
registerCommand(
  "serve",
  "local dev host: HTTP API, audit timer, embedded Azurite, bundled demo",
  async () => (await import("./serve-command.js")).run,
);
registerCommand(
  "drill",
  "drill KEY [--dry-run]: a failover drill on one profile, step by step",
  async () => (await import("./drill-command.js")).run,
);
