import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advanceIncidents } from "../../../src/core/alerts/advance-incidents.js";
import type { AlertPolicy } from "../../../src/core/alerts/alert-policy.js";
import {
  advanceWithSilences,
  type SilenceAwareIncident,
} from "../../../src/core/silences/advance-with-silences.js";
import type { Finding } from "../../../src/core/finding.js";
import { aFinding, aReport, MINUTE } from "../../support/builders/alert-builders.js";

const T0 = Date.parse("2026-03-01T00:00:00.000Z");
const QUIET: AlertPolicy = { repeatMs: { critical: 0, warning: 0, info: 0 }, resolveAfterCycles: 1 };

type Cycle = "absent" | "present" | "silenced";

function findingsOf(c: Cycle): Finding[] {
  if (c === "absent") return [];
  return [
    aFinding(c === "silenced" ? { silencedBy: ["s1"], silencedUntil: "2026-03-02T00:00:00.000Z" } : {}),
  ];
}

function run(cycles: readonly Cycle[], policy: AlertPolicy = QUIET): string[][] {
  let incidents: SilenceAwareIncident[] = [];
  return cycles.map((c, i) => {
    const r = advanceWithSilences(
      incidents,
      aReport({ findings: findingsOf(c) }),
      new Date(T0 + i * 5 * MINUTE),
      policy,
    );
    incidents = r.incidents;
    return r.transitions.map((t) => t.kind);
  });
}

/** The semantics written down independently: none → held/announced → none. */
function model(cycles: readonly Cycle[]): string[][] {
  let state: "none" | "held" | "announced" = "none";
  return cycles.map((c) => {
    if (c === "absent") {
      const out = state === "announced" ? ["resolved"] : [];
      state = "none";
      return out;
    }
    if (c === "silenced") {
      if (state === "none") state = "held";
      return [];
    }
    const out = state === "announced" ? [] : ["opened"];
    state = "announced";
    return out;
  });
}

const cyclesArb = fc.array(fc.constantFrom<Cycle>("absent", "present", "silenced"), { maxLength: 40 });

describe("advanceWithSilences", () => {
  it("sends exactly what the model says for any sequence of cycles", () => {
    fc.assert(
      fc.property(cyclesArb, (cycles) => {
        expect(run(cycles)).toEqual(model(cycles));
      }),
      { numRuns: 300 },
    );
  });

  it("is advanceIncidents when nothing is silenced", () => {
    const policy: AlertPolicy = {
      repeatMs: { critical: 10 * MINUTE, warning: 0, info: 0 },
      resolveAfterCycles: 2,
    };
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (present) => {
        let a: SilenceAwareIncident[] = [];
        let b: SilenceAwareIncident[] = [];
        present.forEach((p, i) => {
          const report = aReport({ findings: p ? [aFinding()] : [] });
          const now = new Date(T0 + i * 5 * MINUTE);
          const ra = advanceWithSilences(a, report, now, policy);
          const rb = advanceIncidents(b, report, now, policy);
          expect(ra).toEqual(rb);
          a = ra.incidents;
          b = rb.incidents;
        });
      }),
    );
  });

  it("sends nothing while every finding is silenced, reminders included", () => {
    const policy: AlertPolicy = {
      repeatMs: { critical: 5 * MINUTE, warning: 0, info: 0 },
      resolveAfterCycles: 1,
    };
    expect(run(["silenced", "silenced", "silenced", "absent"], policy).flat()).toEqual([]);
  });

  it("announces a rise held back by a silence when the silence ends", () => {
    let incidents: SilenceAwareIncident[] = [];
    const step = (f: Finding[], i: number) => {
      const r = advanceWithSilences(incidents, aReport({ findings: f }), new Date(T0 + i * MINUTE), QUIET);
      incidents = r.incidents;
      return r.transitions.map((t) => [t.kind, t.previousSeverity]);
    };
    expect(step([aFinding({ severity: "warning" })], 0)).toEqual([["opened", undefined]]);
    expect(step([aFinding({ severity: "critical", silencedBy: ["s1"] })], 1)).toEqual([]);
    expect(step([aFinding({ severity: "critical" })], 2)).toEqual([["raised", "warning"]]);
  });
});
