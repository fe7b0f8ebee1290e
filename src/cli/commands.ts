import { registerCommand } from "./command-registry.js";

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
  "plan",
  "plan --profile F --desired F | plan KEY: the changes that reconcile Traffic Manager",
  async () => (await import("./plan-command.js")).run,
);
registerCommand(
  "apply",
  "apply KEY [--plan-hash H | --yes]: apply the plan to Traffic Manager (writes)",
  async () => (await import("./apply-command.js")).run,
);
registerCommand(
  "silence",
  "silence add|list|expire: hold back notifications during planned work",
  async () => (await import("./silence-command.js")).run,
);
registerCommand(
  "drill",
  "drill KEY [--dry-run]: a failover drill on one profile, step by step",
  async () => (await import("./drill-command.js")).run,
);
