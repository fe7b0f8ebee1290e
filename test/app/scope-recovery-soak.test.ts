import { describe, expect, it } from "vitest";
import { MemoryAlertOutbox } from "../../src/adapters/memory/memory-alert-outbox.js";
import { MemoryAlertStateStore } from "../../src/adapters/memory/memory-alert-state-store.js";
import { MemoryProbeStateStore } from "../../src/adapters/memory/memory-probe-state-store.js";
import { MemoryReportStore } from "../../src/adapters/memory/memory-report-store.js";
import { createAlertDispatcher } from "../../src/adapters/notify/create-alert-dispatcher.js";
import { runAuditCycle, type AuditOptions } from "../../src/app/run-audit.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { DesiredState } from "../../src/core/desired-state.js";
import { ManualClock, MINUTE } from "../support/builders/alert-builders.js";
import { buildRawProfile, rawProfileId } from "../support/builders/arm-raw-profile.js";
import { SUB_A, SUB_B, useArmHarness } from "../support/arm-source-harness.js";
import { FakeDesiredStore } from "../support/fakes/audit-fakes.js";

const harness = useArmHarness();
const options: AuditOptions = {
  probe: false,
  basis: "traffic-manager",
  certWarningDays: 21,
  profileConcurrency: 4,
  checkDns: false,
};
const ORDER: DesiredState = {
  routingMethod: "Priority",
  endpoints: [
    { name: "web-eastus", enabled: true },
    { name: "web-westus", enabled: true },
  ],
};

describe("scope recovery soak (time-warped, local ARM)", () => {
  it("resolves every incident, the subscription scope's included, after ARM fails for 10 of 288 cycles", async () => {
    const CYCLES = 288;
    const failing = (i: number) => i >= 139 && i < 149;
    const scope = `/subscriptions/${SUB_A}`;
    const named = `${SUB_B}/rg-web/tm-b`.toLowerCase();
    harness.arm.put(
      buildRawProfile({ subscriptionId: SUB_A, name: "tm-a" }),
      buildRawProfile({ subscriptionId: SUB_B, name: "tm-b" }),
    );
    // A whole subscription (its failure has no profile to carry it) and one profile named explicitly.
    const live = harness.source(`${scope},${rawProfileId(SUB_B, "rg-web", "tm-b")}`);
    const config = loadConfig({ ALERT_RESOLVE_AFTER_CYCLES: "2", ALERT_MIN_SEVERITY_CONSOLE: "info" });
    const clock = new ManualClock();
    const outbox = new MemoryAlertOutbox();
    const state = new MemoryAlertStateStore(outbox);
    const lines: string[] = [];
    const alerts = createAlertDispatcher(config, { clock, write: (l) => lines.push(l), state, outbox });
    const reports = new MemoryReportStore();
    const desired = new FakeDesiredStore({ [`${SUB_A}/rg-web/tm-a`.toLowerCase()]: ORDER, [named]: ORDER });
    const deps = { live, desired, probeState: new MemoryProbeStateStore(), clock, reports, alerts };

    const listedDuringOutage: string[][] = [];
    for (let i = 0; i < CYCLES; i += 1) {
      const fault = failing(i)
        ? { kind: "status" as const, status: 503, code: "ServiceUnavailable" }
        : undefined;
      harness.arm.inject(SUB_A, fault);
      harness.arm.inject(SUB_B, fault);
      const cycle = await runAuditCycle(deps, options);
      expect(cycle.errors).toBeUndefined();
      if (i === 148) listedDuringOutage.push((await reports.listLatest()).map((r) => r.profile));
      clock.advance(5 * MINUTE);
    }

    expect(listedDuringOutage[0]).toContain(scope);
    for (const profile of [scope, `${SUB_A}/rg-web/tm-a`.toLowerCase(), named]) {
      expect((await state.load(profile.toLowerCase()))?.state.incidents ?? []).toEqual([]);
    }
    const scopeNotices = lines.filter((l) => l.startsWith("[tm-sentinel]") && l.includes(scope));
    expect(scopeNotices).toHaveLength(2); // opened, then resolved
    expect(scopeNotices[1]).toMatch(/RESOLVED[\s\S]*AUDIT_ERROR \[resolved, lasted 50m\]/);
    const latest = await reports.listLatest();
    expect(latest.map((r) => r.profile).sort()).toEqual([`${SUB_A}/rg-web/tm-a`.toLowerCase(), named].sort());
    expect(latest.flatMap((r) => r.findings.filter((f) => f.severity !== "info"))).toEqual([]);
  });
});
