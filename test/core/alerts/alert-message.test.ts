import { describe, expect, it } from "vitest";
import { advanceIncidents } from "../../../src/core/alerts/advance-incidents.js";
import { buildAlertMessage, formatDuration } from "../../../src/core/alerts/alert-message.js";
import { DEFAULT_ALERT_POLICY } from "../../../src/core/alerts/alert-policy.js";
import { aFinding, aReport, MINUTE } from "../../support/builders/alert-builders.js";

const T0 = new Date("2026-03-01T10:00:00.000Z");

function cycle(
  findingsBefore: Parameters<typeof aFinding>[0][],
  findingsNow: Parameters<typeof aFinding>[0][],
) {
  const before = advanceIncidents(
    [],
    aReport({ findings: findingsBefore.map(aFinding) }),
    T0,
    DEFAULT_ALERT_POLICY,
  );
  const now = new Date(T0.getTime() + 5 * MINUTE);
  const report = aReport({ findings: findingsNow.map(aFinding) });
  const after = advanceIncidents(before.incidents, report, now, DEFAULT_ALERT_POLICY);
  return { report, now, ...after };
}

describe("buildAlertMessage", () => {
  it("groups what opened, what is still open and what resolved into one message", () => {
    const { report, now, incidents, transitions } = cycle(
      [
        { code: "ORDER_DRIFT", endpoint: "x" },
        { code: "TTL_DRIFT", endpoint: "x" },
      ],
      [{ code: "ORDER_DRIFT", endpoint: "x" }, { code: "PRIMARY_NOT_SERVING" }],
    );
    const m = buildAlertMessage({ report, transitions, incidents, minSeverity: "info", now })!;
    expect(m.opened.map((i) => i.code)).toEqual(["PRIMARY_NOT_SERVING"]);
    expect(m.stillOpen.map((i) => i.code)).toEqual(["ORDER_DRIFT"]);
    expect(m.resolved.map((i) => i.code)).toEqual(["TTL_DRIFT"]);
    expect(m.headline).toBe("primary not serving");
    expect(m.status).toBe("critical");
  });

  it("leaves out incidents below the channel's minimum severity", () => {
    const { report, now, incidents, transitions } = cycle([], [{ severity: "warning", code: "ORDER_DRIFT" }]);
    expect(
      buildAlertMessage({ report, transitions, incidents, minSeverity: "critical", now }),
    ).toBeUndefined();
    expect(
      buildAlertMessage({ report, transitions, incidents, minSeverity: "warning", now })?.opened,
    ).toHaveLength(1);
  });

  it("sends nothing when incidents are merely still open", () => {
    const { report, now, incidents, transitions } = cycle([{}], [{}]);
    expect(transitions).toEqual([]);
    expect(buildAlertMessage({ report, transitions, incidents, minSeverity: "info", now })).toBeUndefined();
  });

  it("marks a resolved-only message as resolved", () => {
    const { report, now, incidents, transitions } = cycle([{}], []);
    const m = buildAlertMessage({ report, transitions, incidents, minSeverity: "info", now })!;
    expect(m.status).toBe("resolved");
    expect(m.headline).toBe("resolved: primary not serving");
    expect(m.resolved[0]!.durationMs).toBe(5 * MINUTE);
  });

  it("counts further items in the headline", () => {
    const { report, now, incidents, transitions } = cycle(
      [],
      [{ endpoint: "a" }, { endpoint: "b" }, { code: "ORDER_DRIFT", severity: "warning" }],
    );
    expect(buildAlertMessage({ report, transitions, incidents, minSeverity: "info", now })!.headline).toBe(
      "primary not serving (+2 more)",
    );
  });
});

describe("formatDuration", () => {
  it.each([
    [45_000, "45s"],
    [25 * MINUTE, "25m"],
    [90_000, "1m 30s"],
    [59 * MINUTE + 59_000, "59m 59s"],
    [90 * MINUTE, "1h 30m"],
    [120 * MINUTE, "2h"],
    [26 * 60 * MINUTE, "1d 2h"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("sends the resolved notice to a channel told about the incident even after it calmed down", () => {
    const t1 = new Date(T0.getTime() + 5 * MINUTE);
    const t2 = new Date(T0.getTime() + 10 * MINUTE);
    const opened = advanceIncidents([], aReport({ findings: [aFinding()] }), T0, DEFAULT_ALERT_POLICY);
    const calmer = aReport({ findings: [aFinding({ severity: "warning" })] });
    const lowered = advanceIncidents(opened.incidents, calmer, t1, DEFAULT_ALERT_POLICY);
    const report = aReport({ findings: [] });
    const gone = advanceIncidents(lowered.incidents, report, t2, DEFAULT_ALERT_POLICY);
    const m = buildAlertMessage({ report, ...gone, minSeverity: "critical", now: t2 });
    expect(m?.resolved.map((i) => i.code)).toEqual(["PRIMARY_NOT_SERVING"]);
  });
});

describe("buildAlertMessage headline (issue 10)", () => {
  it("leads with the worst finding, not with a newly opened warning, when a critical is still open", () => {
    const critical = advanceIncidents(
      [],
      aReport({ findings: [aFinding({ code: "ALL_ENDPOINTS_DEGRADED", endpoint: "web-eastus" })] }),
      T0,
      DEFAULT_ALERT_POLICY,
    );
    const later = new Date(T0.getTime() + 5 * MINUTE);
    const report = aReport({
      findings: [
        aFinding({ code: "ALL_ENDPOINTS_DEGRADED", endpoint: "web-eastus" }),
        aFinding({ code: "PRIMARY_NOT_SERVING", severity: "warning" }),
      ],
    });
    const next = advanceIncidents(critical.incidents, report, later, DEFAULT_ALERT_POLICY);
    const m = buildAlertMessage({ report, ...next, minSeverity: "info", now: later })!;
    expect(m.status).toBe("critical");
    expect(m.headline).toBe("still open: all endpoints degraded (+1 more)");
  });
});
