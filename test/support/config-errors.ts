import { ConfigError, loadConfig } from "../../src/config/load-config.js";

/** The ConfigError loadConfig throws for these settings, or undefined when they load. */
export function configErrorOf(env: Record<string, string>): ConfigError | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (e: unknown) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
}

/** Problems reported for the settings given in `env` (not for others left unset). */
export function problemsOfGiven(env: Record<string, string>): { setting: string; message: string }[] {
  return (configErrorOf(env)?.problems ?? []).filter((p) => p.setting in env);
}
