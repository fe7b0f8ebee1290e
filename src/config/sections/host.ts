import { Cron } from "croner";
import { z } from "zod";
import { booleanSetting } from "./boolean-setting.js";

/** Every 5 minutes, on the minute (NCRONTAB: second minute hour day month day-of-week). */
export const DEFAULT_AUDIT_SCHEDULE = "0 */5 * * * *";
export const DEFAULT_FANOUT_THRESHOLD = 100;
export const DEFAULT_AUDIT_QUEUE = "tm-sentinel-audit";

const NCRONTAB_HELP =
  'must be an NCRONTAB expression with 6 fields "{second} {minute} {hour} {day} {month} {day-of-week}" in UTC, e.g. "0 */5 * * * *"';

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/**
 * croner accepts Quartz extensions (L, W, #, ?) that NCRONTAB does not: the host would refuse them
 * at start-up with a less helpful error. NCRONTAB fields hold digits, *, ranges, lists and steps;
 * month and day-of-week may also use (abbreviated) English names.
 */
function unsupportedSyntax(fields: readonly string[]): string | undefined {
  for (const [i, field] of fields.entries()) {
    const names = i === 4 ? MONTHS : i === 5 ? DAYS : [];
    if (!/^[0-9A-Za-z*,/-]+$/.test(field))
      return `field ${String(i + 1)} "${field}" uses syntax NCRONTAB lacks`;
    for (const word of field.match(/[A-Za-z]+/g) ?? []) {
      const w = word.toLowerCase();
      if (w.length < 3 || !names.some((n) => n.startsWith(w)))
        return `field ${String(i + 1)} "${field}": "${word}" is not NCRONTAB (no L, W, # or ?; names only for month and day-of-week)`;
    }
  }
  return undefined;
}

/**
 * Validates what the Functions host will parse. croner's 6-part mode has the same field order as
 * NCRONTAB (seconds first, day-of-week last), so it rejects what the host would reject at start-up,
 * only earlier and with the setting's name. NCRONTAB counts Sunday as 0 only, so 7 is refused.
 */
export function ncrontabProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) return `${NCRONTAB_HELP}; got ${fields.length} field(s)`;
  if (/(^|[^0-9])7($|[^0-9])/.test(fields[5]!)) return `${NCRONTAB_HELP}; day-of-week is 0-6 (Sunday = 0)`;
  const syntax = unsupportedSyntax(fields);
  if (syntax) return `${NCRONTAB_HELP}; ${syntax}`;
  try {
    new Cron(expression, { paused: true, mode: "6-part" }).stop();
    return undefined;
  } catch (e: unknown) {
    return `${NCRONTAB_HELP}; ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Storage queue names: 3-63 characters, lower-case letters, digits and single hyphens, starting and
 * ending with a letter or digit. The host appends "-poison", so 56 is the usable maximum.
 */
const queueName = z
  .string()
  .max(56, "must be at most 56 characters (the host appends -poison)")
  .regex(
    /^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$/,
    "must be 3-56 lower-case letters, digits or single hyphens, starting and ending with a letter or digit",
  );

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(fallback);

/** How the app reaches the audit queue: the same account the queue trigger listens on. */
export type QueueConnectionConfig =
  | { kind: "connection-string"; connectionString: string }
  | { kind: "identity"; serviceUri: string; clientId?: string }
  | { kind: "none" };

function queueConnectionOf(s: {
  AzureWebJobsStorage?: string | undefined;
  AzureWebJobsStorage__queueServiceUri?: string | undefined;
  AZURE_CLIENT_ID?: string | undefined;
}): QueueConnectionConfig {
  if (s.AzureWebJobsStorage__queueServiceUri !== undefined)
    return {
      kind: "identity",
      serviceUri: s.AzureWebJobsStorage__queueServiceUri.replace(/\/+$/, ""),
      ...(s.AZURE_CLIENT_ID !== undefined ? { clientId: s.AZURE_CLIENT_ID } : {}),
    };
  if (s.AzureWebJobsStorage !== undefined)
    return { kind: "connection-string", connectionString: s.AzureWebJobsStorage };
  return { kind: "none" };
}

/** Settings of the function host: schedule, fan-out through the audit queue. */
export const hostSection = z
  .object({
    AUDIT_SCHEDULE: z
      .string()
      .default(DEFAULT_AUDIT_SCHEDULE)
      .superRefine((value, ctx) => {
        const problem = ncrontabProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    FANOUT_THRESHOLD: positiveInt(DEFAULT_FANOUT_THRESHOLD),
    AUDIT_QUEUE: queueName.default(DEFAULT_AUDIT_QUEUE),
    /** Identity-based storage (Azure): the queue service the `audit-profile` trigger listens on. */
    AzureWebJobsStorage__queueServiceUri: z
      .url({
        protocol: /^https?$/,
        error: "must be the queue service URL, e.g. https://<account>.queue.core.windows.net",
      })
      .optional(),
    /** Connection string (local, Azurite); used when no service URI is set. */
    AzureWebJobsStorage: z.string().optional(),
    AZURE_CLIENT_ID: z.string().trim().optional(),
    /**
     * Set to "True" by App Service when its authentication (Easy Auth) is on; only then does the
     * platform strip client-supplied x-ms-client-principal* headers, so only then are they trusted.
     */
    WEBSITE_AUTH_ENABLED: booleanSetting(false),
  })
  .transform((s) => ({
    trustPrincipalHeaders: s.WEBSITE_AUTH_ENABLED,
    auditSchedule: s.AUDIT_SCHEDULE.trim(),
    fanoutThreshold: s.FANOUT_THRESHOLD,
    auditQueue: s.AUDIT_QUEUE,
    /** Where the host moves a message after host.json's maxDequeueCount failed attempts. */
    poisonQueue: `${s.AUDIT_QUEUE}-poison`,
    /** None: fan-out is off and every cycle runs in the timer's own invocation. */
    queueConnection: queueConnectionOf(s),
  }));
