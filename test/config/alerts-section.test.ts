import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { configErrorOf } from "../support/config-errors.js";

const HOOK =
  "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=TopSecretSig";

const problemsOf = (env: Record<string, string>): string => configErrorOf(env)?.message ?? "";

describe("alerts settings", () => {
  it("defaults to console only, warning/critical thresholds and 4 h / 24 h reminders", () => {
    const { alerts } = loadConfig({});
    expect(alerts.teams).toBeUndefined();
    expect(alerts.email).toBeUndefined();
    expect(alerts.console).toEqual({ enabled: true, minSeverity: "warning" });
    expect(alerts.policy).toEqual({
      repeatMs: { critical: 4 * 3_600_000, warning: 24 * 3_600_000, info: 0 },
      resolveAfterCycles: 1,
    });
    expect(alerts.retryMaxAgeMs).toBe(24 * 3_600_000);
  });

  it("reads Teams, SMTP e-mail and the thresholds", () => {
    const { alerts } = loadConfig({
      ALERT_TEAMS_WEBHOOK_URL: HOOK,
      SMTP_URL: "smtp://u:p@smtp.office365.com:587",
      ALERT_EMAIL_FROM: "tm@contoso.com",
      ALERT_EMAIL_TO: "a@contoso.com, b@contoso.com",
      ALERT_MIN_SEVERITY_TEAMS: "critical",
      ALERT_REPEAT_CRITICAL_HOURS: "0",
      ALERT_RESOLVE_AFTER_CYCLES: "3",
      ALERT_CONSOLE: "false",
    });
    expect(alerts.teams).toEqual({ webhookUrl: HOOK, minSeverity: "critical" });
    expect(alerts.email).toEqual({
      transport: { kind: "smtp", url: "smtp://u:p@smtp.office365.com:587" },
      from: "tm@contoso.com",
      to: ["a@contoso.com", "b@contoso.com"],
      minSeverity: "critical",
    });
    expect(alerts.policy.repeatMs.critical).toBe(0);
    expect(alerts.policy.resolveAfterCycles).toBe(3);
    expect(alerts.console.enabled).toBe(false);
  });

  it("reads ACS e-mail with a user-assigned identity", () => {
    const { alerts } = loadConfig({
      ACS_EMAIL_ENDPOINT: "https://contoso.communication.azure.com/",
      AZURE_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
      ALERT_EMAIL_FROM: "DoNotReply@x.azurecomm.net",
      ALERT_EMAIL_TO: "ops@contoso.com",
    });
    expect(alerts.email?.transport).toEqual({
      kind: "acs",
      endpoint: "https://contoso.communication.azure.com",
      clientId: "11111111-2222-3333-4444-555555555555",
    });
  });

  it("refuses a non-https webhook without repeating its value", () => {
    const message = problemsOf({ ALERT_TEAMS_WEBHOOK_URL: "http://example.com/hook?sig=TopSecretSig" });
    expect(message).toContain("ALERT_TEAMS_WEBHOOK_URL");
    expect(message).not.toContain("TopSecretSig");
  });

  it("refuses a malformed SMTP_URL without repeating the password", () => {
    const message = problemsOf({
      SMTP_URL: "mail.contoso.com:587 user:Pa55word",
      ALERT_EMAIL_FROM: "a@b.co",
      ALERT_EMAIL_TO: "c@d.co",
    });
    expect(message).toContain("SMTP_URL");
    expect(message).not.toContain("Pa55word");
  });

  it("names every e-mail problem at once", () => {
    const message = problemsOf({
      ACS_EMAIL_ENDPOINT: "https://x.communication.azure.com",
      ALERT_EMAIL_TO: "ops@contoso.com, not-an-address",
    });
    expect(message).toContain("ALERT_EMAIL_FROM");
    expect(message).toContain("ALERT_EMAIL_TO");
  });

  it("refuses both e-mail transports at once", () => {
    expect(
      problemsOf({
        ACS_EMAIL_ENDPOINT: "https://x.communication.azure.com",
        SMTP_URL: "smtp://h:587",
        ALERT_EMAIL_FROM: "a@b.co",
        ALERT_EMAIL_TO: "c@d.co",
      }),
    ).toContain("not both");
  });

  it("refuses an unknown severity", () => {
    expect(problemsOf({ ALERT_MIN_SEVERITY_EMAIL: "high" })).toContain("ALERT_MIN_SEVERITY_EMAIL");
  });
});
