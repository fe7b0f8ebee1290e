import { describe, expect, it } from "vitest";
import {
  auditOptionsFromConfig,
  auditProfiles,
  runAuditCycle,
  type AuditDeps,
  type AuditOptions,
} from "../../src/app/run-audit.js";
import { MemoryProbeStateStore } from "../../src/adapters/memory/memory-probe-state-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import type { LiveProfile } from "../../src/core/profile.js";
import { aMonitor, aProfile } from "../support/builders/audit-builders.js";
import {
  FakeAlerts,
  FakeDesiredStore,
  FakeDns,
  FakeLiveSource,
  FakeReportStore,
  fixedClock,
  ScriptedProber,
} from "../support/fakes/audit-fakes.js";

const options: AuditOptions = {
  probe: true,
  basis: "probes",
  certWarningDays: 14,
  profileConcurrency: 4,
  checkDns: true,
};
const desiredFor = (...names: string[]): DesiredState => ({
  routingMethod: "Priority",
  endpoints: names.map((name) => ({ name, enabled: true })),
});
const ordered = desiredFor("web-eastus", "web-westus", "web-northeu");
const contoso = aProfile();
const fabrikam = aProfile({ name: "fabrikam" });

function deps(overrides: Partial<AuditDeps> = {}): AuditDeps {
  return {
    live: new FakeLiveSource([contoso, fabrikam]),
    desired: new FakeDesiredStore({ "sub1/rg1/contoso": ordered, "sub1/rg1/fabrikam": ordered }),
    probeState: new MemoryProbeStateStore(),
    clock: fixedClock(),
    prober: new ScriptedProber(),
    ...overrides,
  };
}
const codesOf = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe("runAuditCycle", () => {
  it("reads live state once and desired state once for the whole cycle", async () => {
    const live = new FakeLiveSource([contoso, fabrikam]);
    const desired = new FakeDesiredStore({});
    const result = await runAuditCycle(deps({ live, desired }), options);
    expect(live.calls).toEqual(["readWatched"]);
    expect(desired.listCalls).toBe(1);
    expect(result.reports.map((r) => r.profile)).toEqual(["sub1/rg1/contoso", "sub1/rg1/fabrikam"]);
  });

  it("reports no findings for profiles that match their desired state", async () => {
    const result = await runAuditCycle(deps(), options);
    expect(result.reports.map(codesOf)).toEqual([[], []]);
    expect(result).toMatchObject({
      startedAt: "2026-03-01T10:00:00.000Z",
      finishedAt: "2026-03-01T10:00:00.000Z",
    });
  });

  it("probes all endpoints of a profile in one batch", async () => {
    const prober = new ScriptedProber();
    await runAuditCycle(deps({ live: new FakeLiveSource([contoso]), prober }), options);
    expect(prober.batches.map((b) => b.map((t) => t.endpoint))).toEqual([
      ["web-eastus", "web-westus", "web-northeu"],
    ]);
  });

  it("moves the serving endpoint only after tolerated failures are exceeded, across cycles", async () => {
    const profile: LiveProfile = { ...contoso, monitor: aMonitor({ toleratedNumberOfFailures: 1 }) };
    const d = deps({
      live: new FakeLiveSource([profile]),
      prober: new ScriptedProber(new Set(["web-eastus"])),
    });
    const first = await runAuditCycle(d, options);
    const second = await runAuditCycle(d, options);
    expect(first.reports[0]?.servingEndpoint).toBe("web-eastus");
    expect(second.reports[0]?.servingEndpoint).toBe("web-westus");
    expect(await d.probeState.load("sub1/rg1/contoso")).toMatchObject({
      "web-eastus": { consecutiveFailures: 2 },
    });
  });

  it("adds probe findings to the report", async () => {
    const result = await runAuditCycle(
      deps({ live: new FakeLiveSource([contoso]), prober: new ScriptedProber(new Set(["web-westus"])) }),
      options,
    );
    expect(codesOf(result.reports[0]!)).toContain("PROBE_FAILED");
  });

  it("reports the traffic-manager basis when probing is off", async () => {
    const result = await runAuditCycle(deps(), { ...options, probe: false });
    expect(result.reports[0]?.servingBasis).toBe("traffic-manager");
  });

  it("turns a failed DNS lookup into a finding instead of failing the audit", async () => {
    const desired = new FakeDesiredStore({
      "sub1/rg1/contoso": { ...ordered, vanityDomains: ["www.contoso.com"] },
    });
    const dns = new FakeDns({ "www.contoso.com": new Error("SERVFAIL") });
    const result = await runAuditCycle(deps({ live: new FakeLiveSource([contoso]), desired, dns }), options);
    expect(codesOf(result.reports[0]!)).toEqual(["DNS_CNAME_DRIFT"]);
  });

  it("includes alert-delivery findings in the profile's report", async () => {
    const alerts = new FakeAlerts({
      "sub1/rg1/contoso": [
        { code: "ALERT_DELIVERY_FAILED", severity: "warning", message: "Teams returned 500." },
      ],
    });
    const result = await runAuditCycle(deps({ alerts }), options);
    expect(codesOf(result.reports[0]!)).toEqual(["ALERT_DELIVERY_FAILED"]);
  });

  it("gives each profile hidden by a read failure an AUDIT_ERROR report", async () => {
    const live = new FakeLiveSource(
      [contoso],
      [
        {
          scope: "/subscriptions/sub2",
          profiles: ["sub2/rg/a", "sub2/rg/b"],
          reason: "forbidden",
          message: "Grant Reader on sub2.",
        },
      ],
    );
    const result = await runAuditCycle(deps({ live }), options);
    expect(result.reports.slice(1).map((r) => [r.profile, r.servingEndpoint, codesOf(r)])).toEqual([
      ["sub2/rg/a", null, ["AUDIT_ERROR"]],
      ["sub2/rg/b", null, ["AUDIT_ERROR"]],
    ]);
  });

  it("gives a failed scope without known profiles one AUDIT_ERROR report", async () => {
    const live = new FakeLiveSource(
      [],
      [
        {
          scope: "/subscriptions/sub3",
          profiles: [],
          reason: "throttled",
          message: "ARM throttled the listing.",
        },
      ],
    );
    const result = await runAuditCycle(deps({ live }), options);
    expect(result.reports).toEqual([
      expect.objectContaining({ profile: "/subscriptions/sub3", servingEndpoint: null }),
    ]);
  });

  it("adds a read failure about a profile that was read to that profile's report", async () => {
    const live = new FakeLiveSource(
      [contoso],
      [
        {
          scope: "child",
          profiles: ["sub1/rg1/contoso"],
          reason: "not-found",
          message: "Nested child missing.",
        },
      ],
    );
    const result = await runAuditCycle(deps({ live }), options);
    expect(result.reports).toHaveLength(1);
    expect(codesOf(result.reports[0]!)).toEqual(["AUDIT_ERROR"]);
  });

  it("reports an AUDIT_ERROR when the live source cannot work at all", async () => {
    const result = await runAuditCycle(
      deps({ live: new FakeLiveSource([], [], new Error("no credentials")) }),
      options,
    );
    expect(result.reports).toEqual([
      expect.objectContaining({
        servingEndpoint: null,
        findings: [expect.objectContaining({ code: "AUDIT_ERROR", severity: "critical" })],
      }),
    ]);
  });

  it("reports an AUDIT_ERROR per profile when desired states cannot be read", async () => {
    const result = await runAuditCycle(
      deps({ desired: new FakeDesiredStore({}, new Error("table down")) }),
      options,
    );
    expect(result.reports.map(codesOf)).toEqual([["AUDIT_ERROR"], ["AUDIT_ERROR"]]);
  });

  it("keeps auditing other profiles when one profile's audit fails", async () => {
    const other = aProfile({ name: "other", endpoints: [{ ...contoso.endpoints[0]!, name: "boom" }] });
    const result = await runAuditCycle(
      deps({ live: new FakeLiveSource([contoso, other]), prober: new ScriptedProber(new Set(), "boom") }),
      options,
    );
    expect(result.reports.map((r) => [r.profile, codesOf(r).includes("AUDIT_ERROR")])).toEqual([
      ["sub1/rg1/contoso", false],
      ["sub1/rg1/other", true],
    ]);
  });

  it("saves every report and dispatches them together", async () => {
    const reports = new FakeReportStore();
    const alerts = new FakeAlerts();
    const result = await runAuditCycle(deps({ reports, alerts }), options);
    expect(reports.saved).toHaveLength(2);
    expect(alerts.dispatched).toEqual([result.reports]);
  });

  it("records a failed save in the result instead of throwing", async () => {
    const result = await runAuditCycle(deps({ reports: new FakeReportStore("sub1/rg1/contoso") }), options);
    expect(result.errors).toEqual([
      { stage: "save", profile: "sub1/rg1/contoso", message: "table unavailable" },
    ]);
    expect(result.reports).toHaveLength(2);
  });
});

describe("auditProfiles", () => {
  it("reads only the selected profiles and their desired state", async () => {
    const live = new FakeLiveSource([contoso, fabrikam]);
    const desired = new FakeDesiredStore({ "sub1/rg1/fabrikam": ordered });
    const result = await auditProfiles(deps({ live, desired }), [fabrikam.key], options);
    expect(live.calls).toEqual(["readProfiles:sub1/rg1/fabrikam"]);
    expect(desired.listCalls).toBe(0);
    expect(result.reports.map((r) => [r.profile, codesOf(r)])).toEqual([["sub1/rg1/fabrikam", []]]);
  });

  it("reports an AUDIT_ERROR for a requested profile the source did not return", async () => {
    const result = await auditProfiles(
      deps(),
      [{ subscriptionId: "sub9", resourceGroup: "rg", profileName: "gone" }],
      options,
    );
    expect(result.reports).toEqual([
      expect.objectContaining({ profile: "sub9/rg/gone", servingEndpoint: null }),
    ]);
  });
});

describe("auditOptionsFromConfig", () => {
  it("takes probing, basis and concurrency from the probe settings", () => {
    const config = loadConfig({
      SERVING_BASIS: "both",
      PROBE_ENABLED: "false",
      AUDIT_PROFILE_CONCURRENCY: "3",
    });
    expect(auditOptionsFromConfig(config)).toEqual({
      probe: false,
      basis: "both",
      certWarningDays: 21,
      certCriticalDays: 7,
      profileConcurrency: 3,
      checkDns: true,
    });
  });
});
