import { describe, expect, it } from "vitest";
import { problemsOfGiven } from "../support/config-errors.js";
import { hostSection } from "../../src/config/sections/host.js";

const problemsOf = problemsOfGiven;

describe("host settings", () => {
  it("defaults to every 5 minutes, a threshold of 100 and the tm-sentinel-audit queue", () => {
    expect(hostSection.parse({})).toEqual({
      auditSchedule: "0 */5 * * * *",
      fanoutThreshold: 100,
      auditQueue: "tm-sentinel-audit",
      poisonQueue: "tm-sentinel-audit-poison",
      queueConnection: { kind: "none" },
      trustPrincipalHeaders: false,
    });
  });

  it("trusts principal headers only when App Service says its authentication is on", () => {
    expect(hostSection.parse({ WEBSITE_AUTH_ENABLED: "True" }).trustPrincipalHeaders).toBe(true);
    expect(hostSection.parse({ WEBSITE_AUTH_ENABLED: "False" }).trustPrincipalHeaders).toBe(false);
  });

  it("accepts a six-field NCRONTAB schedule with named week days", () => {
    expect(hostSection.parse({ AUDIT_SCHEDULE: "0 30 9 * * Mon-Fri" }).auditSchedule).toBe(
      "0 30 9 * * Mon-Fri",
    );
  });

  it("rejects a five-field cron expression, naming AUDIT_SCHEDULE and the expected shape", () => {
    const [problem] = problemsOf({ AUDIT_SCHEDULE: "*/5 * * * *" });
    expect(problem?.setting).toBe("AUDIT_SCHEDULE");
    expect(problem?.message).toContain("6 fields");
  });

  it("rejects an out-of-range field", () => {
    expect(problemsOf({ AUDIT_SCHEDULE: "0 99 * * * *" }).map((p) => p.setting)).toEqual(["AUDIT_SCHEDULE"]);
  });

  it("rejects 7 as a day of week because NCRONTAB counts Sunday as 0 only", () => {
    expect(problemsOf({ AUDIT_SCHEDULE: "0 0 0 * * 7" })[0]?.message).toContain("Sunday = 0");
  });

  it.each(["0 0 0 L * *", "0 0 0 15W * *", "0 0 0 * * 1#2", "0 0 0 ? * *", "0 0 0 * * 5L"])(
    "rejects the Quartz extension in %s that croner accepts but NCRONTAB does not",
    (schedule) => {
      expect(problemsOf({ AUDIT_SCHEDULE: schedule })[0]?.message).toContain("NCRONTAB");
    },
  );

  it("accepts month names in the month field", () => {
    expect(hostSection.parse({ AUDIT_SCHEDULE: "0 0 6 1 Jan,Jul *" }).auditSchedule).toBe(
      "0 0 6 1 Jan,Jul *",
    );
  });

  it("reports a bad threshold and a bad queue name together", () => {
    const settings = problemsOf({ FANOUT_THRESHOLD: "0", AUDIT_QUEUE: "Audit_Queue" }).map((p) => p.setting);
    expect(settings.sort()).toEqual(["AUDIT_QUEUE", "FANOUT_THRESHOLD"]);
  });

  it("prefers the identity-based queue service URI over a connection string", () => {
    const host = hostSection.parse({
      AzureWebJobsStorage: "UseDevelopmentStorage=true",
      AzureWebJobsStorage__queueServiceUri: "https://acct.queue.core.windows.net/",
      AZURE_CLIENT_ID: "00000000-0000-0000-0000-000000000001",
    });
    expect(host.queueConnection).toEqual({
      kind: "identity",
      serviceUri: "https://acct.queue.core.windows.net",
      clientId: "00000000-0000-0000-0000-000000000001",
    });
  });

  it("uses AzureWebJobsStorage as the queue connection string when no service URI is set", () => {
    expect(hostSection.parse({ AzureWebJobsStorage: "UseDevelopmentStorage=true" }).queueConnection).toEqual({
      kind: "connection-string",
      connectionString: "UseDevelopmentStorage=true",
    });
  });

  it("treats an empty schedule as unset instead of rejecting it", () => {
    expect(problemsOf({ AUDIT_SCHEDULE: " " })).toEqual([]);
  });
});
