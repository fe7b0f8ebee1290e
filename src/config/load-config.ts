import type { z } from "zod";
import { alertsSection } from "./sections/alerts.js";
import { armSection } from "./sections/arm.js";
import { drillsSection } from "./sections/drills.js";
import { hostSection } from "./sections/host.js";
import { probeSection } from "./sections/probe.js";
import { serveSection } from "./sections/serve.js";
import { storeSection } from "./sections/store.js";
import { writeSection } from "./sections/write.js";
import { telemetrySection } from "./sections/telemetry.js";

/**
 * The one schema over the environment, split by area so each adapter's settings sit together.
 * Every section sees the whole environment and picks its own keys.
 */
const sections = {
  arm: armSection,
  probe: probeSection,
  store: storeSection,
  alerts: alertsSection,
  host: hostSection,
  serve: serveSection,
  drills: drillsSection,
  write: writeSection,
  telemetry: telemetrySection,
} as const;

export type AppConfig = { [K in keyof typeof sections]: z.output<(typeof sections)[K]> };

export interface ConfigProblem {
  setting: string;
  message: string;
}

/** Raised at start-up when settings are missing or malformed; names each setting, never its value. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.setting}: ${p.message}`).join("; ")}`);
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Azure and shells set unused settings to ""; treat that as unset so defaults apply. */
function withoutEmpty(env: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== "") out[k] = v;
  return out;
}

/** Parses every section, collecting all problems before failing, so one start-up shows them all. */
export function loadConfig(env: Environment = process.env): AppConfig {
  const clean = withoutEmpty(env);
  const problems: ConfigProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(sections)) {
    const parsed = (schema as z.ZodType).safeParse(clean);
    if (parsed.success) out[name] = parsed.data;
    else
      for (const issue of parsed.error.issues)
        problems.push({ setting: issue.path.map(String).join(".") || name, message: issue.message });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as AppConfig;
}

/** Every app-setting name the schema reads (for docs and the infra consistency test). */
export function settingNames(): string[] {
  const names = new Set<string>();
  for (const schema of Object.values(sections)) {
    const input = (schema as unknown as { in?: { shape?: Record<string, unknown> } }).in;
    for (const key of Object.keys(input?.shape ?? {})) names.add(key);
  }
  return [...names].sort();
}
