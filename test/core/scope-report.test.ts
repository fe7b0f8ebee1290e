import { describe, expect, it } from "vitest";
import { auditErrorReport } from "../../src/core/assess-profile.js";
import { isScopeReport, recoveredScopes, scopeRecoveredReport } from "../../src/core/scope-report.js";

const NOW = new Date("2026-03-01T10:00:00.000Z");

describe("scope reports", () => {
  it("tells a scope's AUDIT_ERROR report from a profile's", () => {
    expect(isScopeReport(auditErrorReport("/subscriptions/abc", "503", NOW))).toBe(true);
    expect(isScopeReport(auditErrorReport("all watched profiles", "boom", NOW))).toBe(true);
    expect(isScopeReport(auditErrorReport("sub/rg/profile", "503", NOW))).toBe(false);
  });

  it("names every stored scope that this read did not fail as recovered", () => {
    const stored = [
      auditErrorReport("/subscriptions/a", "503", NOW),
      auditErrorReport("/subscriptions/b", "403", NOW),
      auditErrorReport("sub/rg/profile", "503", NOW),
    ];
    expect(recoveredScopes(stored, ["/Subscriptions/B"])).toEqual(["/subscriptions/a"]);
  });

  it("builds a recovered report with no findings, so the incident resolves", () => {
    expect(scopeRecoveredReport("/subscriptions/a", NOW)).toMatchObject({
      profile: "/subscriptions/a",
      profileId: "",
      findings: [],
    });
  });
});
