import { z } from "zod";
import { booleanSetting } from "./boolean-setting.js";
import type { AlertPolicy } from "../../core/alerts/alert-policy.js";
import type { Severity } from "../../core/finding.js";

/**
 * Settings of the alerts area. Keys are app-setting names exactly as in Azure. The webhook URL
 * (it carries a signature) and SMTP_URL (it may carry a password) are secrets: no message here
 * ever repeats their value.
 */
const severity = (fallback: Severity) =>
  z.enum(["info", "warning", "critical"], { message: "must be info, warning or critical" }).default(fallback);

const hours = (fallback: number) =>
  z.coerce
    .number({ message: "must be a number of hours" })
    .min(0, "must be 0 (off) or more")
    .max(24 * 365, "must be at most 8760")
    .default(fallback);

function parsesAs(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

const secretUrl = (protocols: string[], message: string) =>
  z
    .string()
    .refine((v) => parsesAs(v.trim(), protocols), { message })
    .optional();

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

export const alertsSection = z
  .object({
    ALERT_TEAMS_WEBHOOK_URL: secretUrl(
      ["https:"],
      "must be an https:// Workflows webhook URL (value not shown)",
    ),
    ACS_EMAIL_ENDPOINT: secretUrl(["https:"], "must be https://<resource>.communication.azure.com"),
    SMTP_URL: secretUrl(
      ["smtp:", "smtps:"],
      "must be smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS) (value not shown)",
    ),
    AZURE_CLIENT_ID: z.string().optional(),
    ALERT_EMAIL_FROM: z.string().regex(EMAIL, "must be one e-mail address").optional(),
    ALERT_EMAIL_TO: z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== ""),
      )
      .refine((list) => list.length > 0 && list.every((a) => EMAIL.test(a)), {
        message: "must be comma-separated e-mail addresses",
      })
      .optional(),
    ALERT_MIN_SEVERITY_TEAMS: severity("warning"),
    ALERT_MIN_SEVERITY_EMAIL: severity("critical"),
    ALERT_MIN_SEVERITY_CONSOLE: severity("warning"),
    ALERT_REPEAT_CRITICAL_HOURS: hours(4),
    ALERT_REPEAT_WARNING_HOURS: hours(24),
    ALERT_RESOLVE_AFTER_CYCLES: z.coerce
      .number({ error: "must be a whole number from 1 to 1000" })
      .int("must be a whole number from 1 to 1000")
      .min(1, "must be a whole number from 1 to 1000")
      .max(1000, "must be a whole number from 1 to 1000")
      .default(1),
    ALERT_RETRY_MAX_AGE_HOURS: hours(24).refine((h) => h > 0, "must be more than 0"),
    ALERT_SEND_TIMEOUT_SECONDS: z.coerce
      .number({ error: "must be a number of seconds from 1 to 300" })
      .min(1, "must be a number of seconds from 1 to 300")
      .max(300, "must be a number of seconds from 1 to 300")
      .default(10),
    ALERT_CONSOLE: booleanSetting(true),
  })
  .superRefine((s, ctx) => {
    const email = s.ACS_EMAIL_ENDPOINT !== undefined || s.SMTP_URL !== undefined;
    if (s.ACS_EMAIL_ENDPOINT !== undefined && s.SMTP_URL !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "set either ACS_EMAIL_ENDPOINT or SMTP_URL, not both",
      });
    for (const key of ["ALERT_EMAIL_FROM", "ALERT_EMAIL_TO"] as const) {
      if (email && s[key] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "is required when ACS_EMAIL_ENDPOINT or SMTP_URL is set",
        });
      if (!email && s[key] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "has no effect: set ACS_EMAIL_ENDPOINT or SMTP_URL too",
        });
    }
  })
  .transform((s) => ({
    teams:
      s.ALERT_TEAMS_WEBHOOK_URL === undefined
        ? undefined
        : { webhookUrl: s.ALERT_TEAMS_WEBHOOK_URL.trim(), minSeverity: s.ALERT_MIN_SEVERITY_TEAMS },
    email: emailOf(s),
    console: { enabled: s.ALERT_CONSOLE, minSeverity: s.ALERT_MIN_SEVERITY_CONSOLE },
    policy: {
      repeatMs: {
        critical: s.ALERT_REPEAT_CRITICAL_HOURS * HOUR,
        warning: s.ALERT_REPEAT_WARNING_HOURS * HOUR,
        info: 0,
      },
      resolveAfterCycles: s.ALERT_RESOLVE_AFTER_CYCLES,
    } satisfies AlertPolicy,
    retryMaxAgeMs: s.ALERT_RETRY_MAX_AGE_HOURS * HOUR,
    sendTimeoutMs: s.ALERT_SEND_TIMEOUT_SECONDS * 1000,
  }));

const HOUR = 3_600_000;

export type EmailTransportConfig =
  { kind: "acs"; endpoint: string; clientId?: string } | { kind: "smtp"; url: string };

export interface EmailConfig {
  transport: EmailTransportConfig;
  from: string;
  to: string[];
  minSeverity: Severity;
}

function emailOf(s: {
  ACS_EMAIL_ENDPOINT?: string | undefined;
  SMTP_URL?: string | undefined;
  AZURE_CLIENT_ID?: string | undefined;
  ALERT_EMAIL_FROM?: string | undefined;
  ALERT_EMAIL_TO?: string[] | undefined;
  ALERT_MIN_SEVERITY_EMAIL: Severity;
}): EmailConfig | undefined {
  if (s.ALERT_EMAIL_FROM === undefined || s.ALERT_EMAIL_TO === undefined) return undefined;
  const transport: EmailTransportConfig | undefined =
    s.ACS_EMAIL_ENDPOINT !== undefined
      ? {
          kind: "acs",
          endpoint: s.ACS_EMAIL_ENDPOINT.trim().replace(/\/+$/, ""),
          ...(s.AZURE_CLIENT_ID !== undefined && { clientId: s.AZURE_CLIENT_ID }),
        }
      : s.SMTP_URL !== undefined
        ? { kind: "smtp", url: s.SMTP_URL.trim() }
        : undefined;
  if (!transport) return undefined;
  return {
    transport,
    from: s.ALERT_EMAIL_FROM,
    to: s.ALERT_EMAIL_TO,
    minSeverity: s.ALERT_MIN_SEVERITY_EMAIL,
  };
}

export type AlertsConfig = z.output<typeof alertsSection>;
