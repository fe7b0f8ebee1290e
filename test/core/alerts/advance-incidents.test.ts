import { describe, expect, it } from "vitest";
import { advanceIncidents } from "../../../src/core/alerts/advance-incidents.js";
import { DEFAULT_ALERT_POLICY, type AlertPolicy } from "../../../src/core/alerts/alert-policy.js";
import type { Incident } from "../../../src/core/alerts/incident.js";
import type { Finding } from "../../../src/core/finding.js";
import { aFinding, aReport, HOUR, MINUTE } from "../../support/builders/alert-builders.js";

const T0 = new Date("2026-03-01T10:00:00.000Z");
const at = (ms: number): Date => new Date(T0.getTime() + ms);

/** Runs cycles with the given findings each, returning every transition kind per cycle. */
function run(cycles: { at: Date; findings: Finding[] }[], policy: AlertPolicy = DEFAULT_ALERT_POLICY) {
  let incidents: Incident[] = [];
  const kinds: string[][] = [];
  for (const c of cycles) {
    const r = advanceIncidents(incidents, aReport({ findings: c.findings }), c.at, policy);
    incidents = r.incidents;
    kinds.push(r.transitions.map((t) => t.kind));
  }
  return { incidents, kinds };
}

describe("advanceIncidents", () => {
  it("opens an incident the first time a finding appears", () => {
    const r = advanceIncidents([], aReport({ findings: [aFinding()] }), T0, DEFAULT_ALERT_POLICY);
    expect(r.transitions.map((t) => t.kind)).toEqual(["opened"]);
    expect(r.incidents[0]).toMatchObject({
      code: "PRIMARY_NOT_SERVING",
      endpoint: "web-eastus",
      openedAt: T0.toISOString(),
    });
  });

  it("stays quiet while the finding persists within the repeat interval", () => {
    const { kinds } = run([0, 5, 10].map((m) => ({ at: at(m * MINUTE), findings: [aFinding()] })));
    expect(kinds).toEqual([["opened"], [], []]);
  });

  it("reminds once the critical repeat interval has passed, then waits another interval", () => {
    const { kinds } = run(
      [0, 4 * 60 - 5, 4 * 60, 4 * 60 + 5, 8 * 60].map((m) => ({
        at: at(m * MINUTE),
        findings: [aFinding()],
      })),
    );
    expect(kinds).toEqual([["opened"], [], ["reminder"], [], ["reminder"]]);
  });

  it("uses the warning interval for warnings", () => {
    const w = aFinding({ severity: "warning" });
    const { kinds } = run([0, 4 * 60, 24 * 60].map((m) => ({ at: at(m * MINUTE), findings: [w] })));
    expect(kinds).toEqual([["opened"], [], ["reminder"]]);
  });

  it("never reminds when the interval is 0", () => {
    const policy = { ...DEFAULT_ALERT_POLICY, repeatMs: { ...DEFAULT_ALERT_POLICY.repeatMs, critical: 0 } };
    const { kinds } = run(
      [0, 10 * 60, 100 * 60].map((m) => ({ at: at(m * MINUTE), findings: [aFinding()] })),
      policy,
    );
    expect(kinds).toEqual([["opened"], [], []]);
  });

  it("notifies when the severity rises and not when it falls", () => {
    const r = run([
      { at: at(0), findings: [aFinding({ severity: "warning" })] },
      { at: at(5 * MINUTE), findings: [aFinding({ severity: "critical" })] },
      { at: at(10 * MINUTE), findings: [aFinding({ severity: "warning" })] },
    ]);
    expect(r.kinds).toEqual([["opened"], ["raised"], []]);
  });

  it("resolves after one absent cycle by default and says how long it lasted", () => {
    const first = advanceIncidents([], aReport({ findings: [aFinding()] }), T0, DEFAULT_ALERT_POLICY);
    const second = advanceIncidents(
      first.incidents,
      aReport({ findings: [] }),
      at(25 * MINUTE),
      DEFAULT_ALERT_POLICY,
    );
    expect(second.transitions).toHaveLength(1);
    expect(second.transitions[0]).toMatchObject({ kind: "resolved", durationMs: 25 * MINUTE });
    expect(second.incidents).toEqual([]);
  });

  it("waits the configured number of absent cycles and measures until the finding went away", () => {
    const policy = { ...DEFAULT_ALERT_POLICY, resolveAfterCycles: 3 };
    let incidents = advanceIncidents([], aReport({ findings: [aFinding()] }), T0, policy).incidents;
    const kinds: string[] = [];
    let last;
    for (const m of [5, 10, 15]) {
      last = advanceIncidents(incidents, aReport({ findings: [] }), at(m * MINUTE), policy);
      incidents = last.incidents;
      kinds.push(...last.transitions.map((t) => t.kind));
    }
    expect(kinds).toEqual(["resolved"]);
    expect(last?.transitions[0]?.durationMs).toBe(5 * MINUTE);
  });

  it("keeps an incident open when the finding returns before the absence limit", () => {
    const policy = { ...DEFAULT_ALERT_POLICY, resolveAfterCycles: 2 };
    const { kinds, incidents } = run(
      [
        { at: at(0), findings: [aFinding()] },
        { at: at(5 * MINUTE), findings: [] },
        { at: at(10 * MINUTE), findings: [aFinding()] },
        { at: at(15 * MINUTE), findings: [] },
      ],
      policy,
    );
    expect(kinds).toEqual([["opened"], [], [], []]);
    expect(incidents[0]!.absentCycles).toBe(1);
  });

  it("identifies incidents by profile, code and endpoint", () => {
    const r = advanceIncidents(
      [],
      aReport({
        findings: [aFinding({ endpoint: "a" }), aFinding({ endpoint: "b" }), aFinding({ endpoint: "A" })],
      }),
      T0,
      DEFAULT_ALERT_POLICY,
    );
    expect(r.incidents.map((i) => i.fingerprint)).toEqual([
      `${aReport().profile}|primary_not_serving|a`,
      `${aReport().profile}|primary_not_serving|b`,
    ]);
  });

  it("does not resolve incidents while the audit of the profile failed", () => {
    const { kinds, incidents } = run([
      { at: at(0), findings: [aFinding()] },
      { at: at(5 * MINUTE), findings: [aFinding({ code: "AUDIT_ERROR", severity: "warning" })] },
    ]);
    expect(kinds).toEqual([["opened"], ["opened"]]);
    expect(incidents.map((i) => i.code)).toEqual(["PRIMARY_NOT_SERVING", "AUDIT_ERROR"]);
  });

  it("takes the time only from its argument", () => {
    const r = advanceIncidents([], aReport({ findings: [aFinding()] }), at(3 * HOUR), DEFAULT_ALERT_POLICY);
    expect(r.incidents[0]!.lastNotifiedAt).toBe(at(3 * HOUR).toISOString());
  });
});

describe("advanceIncidents: AUDIT_ERROR (issue 10)", () => {
  it("resolves an AUDIT_ERROR incident on the first successful read, whatever resolveAfterCycles says", () => {
    const policy: AlertPolicy = { ...DEFAULT_ALERT_POLICY, resolveAfterCycles: 3 };
    const error: Finding = { code: "AUDIT_ERROR", severity: "critical", message: "ARM answered 503" };
    const { incidents, kinds } = run(
      [
        { at: T0, findings: [error] },
        { at: at(5 * MINUTE), findings: [] },
      ],
      policy,
    );
    expect(kinds).toEqual([["opened"], ["resolved"]]);
    expect(incidents).toEqual([]);
  });
});
