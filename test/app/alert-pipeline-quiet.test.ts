import { describe, expect, it } from "vitest";
import { MemoryAlertOutbox } from "../../src/adapters/memory/memory-alert-outbox.js";
import { MemoryAlertStateStore } from "../../src/adapters/memory/memory-alert-state-store.js";
import { AlertPipeline } from "../../src/app/alert-pipeline.js";
import { DEFAULT_ALERT_POLICY } from "../../src/core/alerts/alert-policy.js";
import { DEFAULT_BACKOFF } from "../../src/core/alerts/retry-delay.js";
import { aFinding, aReport, ManualClock } from "../support/builders/alert-builders.js";

function pipeline() {
  const outbox = new MemoryAlertOutbox();
  const state = new MemoryAlertStateStore(outbox);
  let saves = 0;
  const counted = {
    load: (p: string) => state.load(p),
    save: (...args: Parameters<MemoryAlertStateStore["save"]>) => {
      saves += 1;
      return state.save(...args);
    },
  };
  const clock = new ManualClock();
  const alerts = new AlertPipeline({
    state: counted,
    outbox,
    channels: { teams: undefined, email: undefined, console: undefined },
    clock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    policy: DEFAULT_ALERT_POLICY,
    backoff: DEFAULT_BACKOFF,
    maxAgeMs: 3_600_000,
  });
  return { alerts, state, clock, saves: () => saves };
}

describe("alert state of a quiet profile", () => {
  it("is not written when a cycle opens, resolves and tells nothing", async () => {
    const p = pipeline();
    await p.alerts.dispatch([aReport({ findings: [] })]);
    p.clock.advance(60_000);
    await p.alerts.dispatch([aReport({ findings: [] })]);
    expect(p.saves()).toBe(0);
  });

  it("is written when an incident opens, and not again while nothing changes", async () => {
    const p = pipeline();
    await p.alerts.dispatch([aReport({ findings: [aFinding()] })]);
    const opened = await p.state.load(aReport().profile);
    expect(opened?.state.incidents).toHaveLength(1);
    const savesAfterOpen = p.saves();
    expect(savesAfterOpen).toBeGreaterThan(0);
    p.clock.advance(60_000);
    await p.alerts.dispatch([aReport({ findings: [aFinding()] })]);
    expect((await p.state.load(aReport().profile))?.state).toEqual(opened?.state);
    expect(p.saves()).toBe(savesAfterOpen);
  });
});
