/**
 * Azure Functions entry (package.json `main`). Loads configuration once and fails fast, naming
 * every bad setting; registers every function; builds the Runtime on the first invocation.
 */
import { app } from "@azure/functions";
import { buildRuntime } from "./composition-root.js";
import { ConfigError, loadConfig, type AppConfig } from "./config/load-config.js";
import { allFunctions } from "./functions/all-functions.js";
import { once, registerFunctions, type Registration } from "./functions/register.js";

function loadConfigOrExplain(): AppConfig {
  try {
    return loadConfig();
  } catch (e: unknown) {
    // One line per setting so the host log (and App Insights traces) show each by name.
    if (e instanceof ConfigError)
      for (const p of e.problems) console.error(`tm-sentinel: setting ${p.setting}: ${p.message}`);
    throw e;
  }
}

const config = loadConfigOrExplain();

/** What was registered with the host: exported for the start-up test and the logs. */
export const registrations: Registration[] = registerFunctions(
  app,
  allFunctions,
  config,
  once(() => buildRuntime(config)),
);
