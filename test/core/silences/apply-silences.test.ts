import { describe, expect, it } from "vitest";
import { applySilences, silenceMatches } from "../../../src/core/silences/apply-silences.js";
import type { Silence } from "../../../src/core/silences/silence.js";
import { aFinding, aReport, PROFILE_KEY } from "../../support/builders/alert-builders.js";

const T0 = new Date("2026-03-01T10:00:00.000Z");

function aSilence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: "s1",
    matchers: { profile: PROFILE_KEY },
    startsAt: "2026-03-01T09:00:00.000Z",
    endsAt: "2026-03-01T11:00:00.000Z",
    createdBy: "alice",
    createdAt: "2026-03-01T09:00:00.000Z",
    comment: "failover test",
    ...overrides,
  };
}

describe("silenceMatches", () => {
  it("matches every finding of its profile while in force", () => {
    expect(silenceMatches(aSilence(), PROFILE_KEY, aFinding(), T0)).toBe(true);
    expect(silenceMatches(aSilence({ matchers: { profile: "*" } }), PROFILE_KEY, aFinding(), T0)).toBe(true);
  });

  it("stops matching at endsAt to the millisecond and starts at startsAt", () => {
    const s = aSilence();
    expect(silenceMatches(s, PROFILE_KEY, aFinding(), new Date("2026-03-01T10:59:59.999Z"))).toBe(true);
    expect(silenceMatches(s, PROFILE_KEY, aFinding(), new Date("2026-03-01T11:00:00.000Z"))).toBe(false);
    expect(silenceMatches(s, PROFILE_KEY, aFinding(), new Date("2026-03-01T08:59:59.999Z"))).toBe(false);
  });

  it("does not match another profile, another endpoint or an unlisted code", () => {
    expect(silenceMatches(aSilence(), "other/rg/p", aFinding(), T0)).toBe(false);
    expect(
      silenceMatches(
        aSilence({ matchers: { profile: PROFILE_KEY, endpoint: "web-westus" } }),
        PROFILE_KEY,
        aFinding(),
        T0,
      ),
    ).toBe(false);
    expect(
      silenceMatches(
        aSilence({ matchers: { profile: PROFILE_KEY, codes: ["TTL_DRIFT"] } }),
        PROFILE_KEY,
        aFinding(),
        T0,
      ),
    ).toBe(false);
  });

  it("never hides AUDIT_ERROR or ALERT_DELIVERY_FAILED unless it names the code", () => {
    for (const code of ["AUDIT_ERROR", "ALERT_DELIVERY_FAILED"] as const) {
      const f = aFinding({ code });
      expect(silenceMatches(aSilence({ matchers: { profile: "*" } }), PROFILE_KEY, f, T0)).toBe(false);
      expect(
        silenceMatches(aSilence({ matchers: { profile: "*", codes: [code] } }), PROFILE_KEY, f, T0),
      ).toBe(true);
    }
  });
});

describe("applySilences", () => {
  it("marks silenced findings, keeps them, and lists what is silenced until when", () => {
    const report = aReport({
      findings: [aFinding(), aFinding({ code: "AUDIT_ERROR" })],
    });
    const out = applySilences(report, {
      silences: [aSilence()],
      maintenance: [{ schedule: "0 0 10 * * *", durationMinutes: 30, comment: "daily patch" }],
      at: T0,
    });
    expect(out.findings).toHaveLength(2);
    expect(out.findings[0]).toMatchObject({
      silencedBy: ["s1", "maintenance"],
      silencedUntil: "2026-03-01T11:00:00.000Z",
    });
    expect(out.findings[1]?.silencedBy).toBeUndefined();
    expect(out.silences).toEqual([
      {
        id: "s1",
        endsAt: "2026-03-01T11:00:00.000Z",
        comment: "failover test",
        createdBy: "alice",
        findings: 1,
      },
      { id: "maintenance", endsAt: "2026-03-01T10:30:00.000Z", comment: "daily patch", findings: 1 },
    ]);
  });

  it("leaves a report without silences in force unchanged", () => {
    const report = aReport({ findings: [aFinding()] });
    expect(
      applySilences(report, { silences: [aSilence({ endsAt: "2026-03-01T10:00:00.000Z" })], at: T0 }),
    ).toEqual(report);
  });
});
