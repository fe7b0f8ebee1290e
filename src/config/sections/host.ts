import { Cron } from "croner";
import { z } from "zod";

/** Every 5 minutes, on the minute (NCRONTAB: second minute hour day month day-of-week). */
export const DEFAULT_AUDIT_SCHEDULE = "0 */5 * * * *";
export const DEFAULT_FANOUT_THRESHOLD = 100;
export const DEFAULT_AUDIT_QUEUE = "tm-sentinel-audit";

const NCRONTAB_HELP =
  'must be an NCRONTAB expression with 6 fields "{second} {minute} {hour} {day} {month} {day-of-week}" in UTC, e.g. "0 */5 * * * *"';

/**
 * Validates what the Functions host will parse. croner's 6-part mode has the same field order as
 * NCRONTAB (seconds first, day-of-week last), so it rejects what the host would reject at start-up,
 * only earlier and with the setting's name. NCRONTAB counts Sunday as 0 only, so 7 is refused.
 */
export function ncrontabProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) return `${NCRONTAB_HELP}; got ${fields.length} field(s)`;
  if (/(^|[^0-9])7($|[^0-9])/.test(fields[5]!)) return `${NCRONTAB_HELP}; day-of-week is 0-6 (Sunday = 0)`;
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
    AzureWebJobsStorage__queueServiceUri: z.url({ protocol: /^https?$/ }).optional(),
    /** Connection string (local, Azurite); used when no service URI is set. */
    AzureWebJobsStorage: z.string().optional(),
    AZURE_CLIENT_ID: z.string().trim().optional(),
  })
  .transform((s) => ({
    auditSchedule: s.AUDIT_SCHEDULE.trim(),
    fanoutThreshold: s.FANOUT_THRESHOLD,
    auditQueue: s.AUDIT_QUEUE,
    /** Where the host moves a message after host.json's maxDequeueCount failed attempts. */
    poisonQueue: `${s.AUDIT_QUEUE}-poison`,
    /** None: fan-out is off and every cycle runs in the timer's own invocation. */
    queueConnection: queueConnectionOf(s),
  }));
