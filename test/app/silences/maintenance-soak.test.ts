import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE } from "../../support/builders/alert-builders.js";
import { startTeamsReceiver, type TeamsReceiver } from "../../support/teams-receiver.js";
import { silenceHarness } from "./silence-harness.js";

let teams: TeamsReceiver;
beforeAll(async () => {
  teams = await startTeamsReceiver();
});
afterAll(() => teams.close());

const T0 = Date.parse("2026-03-01T00:00:00.000Z");
const CYCLE = 5 * MINUTE;
const CYCLES = 288; // 24 hours
const WARNING_REPEAT = 24 * 60 * MINUTE;

/** Park–Miller LCG: a fixed flapping pattern, the same on every run. */
function flapping(seed: number): boolean[] {
  let s = seed;
  const next = () => (s = (s * 48_271) % 2_147_483_647) / 2_147_483_647;
  let down = false;
  return Array.from({ length: CYCLES }, () => (down = down ? next() >= 0.25 : next() < 0.08));
}

/** Cycles 24–35 are 02:00–02:55, inside the window; force the interesting shapes around it. */
function scenario(): boolean[] {
  const down = flapping(42);
  const set = (from: number, to: number, value: boolean) => {
    for (let i = from; i <= to; i += 1) down[i] = value;
  };
  set(18, 40, false);
  set(20, 25, true); // announced before the window, resolves inside it
  set(27, 29, true); // opens and resolves inside the window: nothing
  set(32, 39, true); // opens inside, still there when it ends (cycle 36): announced then, once
  return down;
}

/** The model, written independently of the code: none → held (in window) / announced. */
function expectedNotifications(down: readonly boolean[]): { total: number; deferred: number } {
  let state: "none" | "held" | "announced" = "none";
  let lastNotified = 0;
  let total = 0;
  let deferred = 0;
  down.forEach((isDown, i) => {
    const t = T0 + i * CYCLE;
    const inWindow = new Date(t).getUTCHours() === 2;
    if (!isDown) {
      if (state === "announced") total += 1;
      state = "none";
      return;
    }
    if (inWindow) {
      if (state === "none") state = "held";
      return;
    }
    if (state !== "announced") {
      if (state === "held") deferred += 1;
      [state, lastNotified, total] = ["announced", t, total + 1];
    } else if (t - lastNotified >= WARNING_REPEAT) [lastNotified, total] = [t, total + 1];
  });
  return { total, deferred };
}

describe("maintenance window soak (time-warped)", () => {
  it("sends as many notifications over 288 cycles of flapping as the model says", async () => {
    const h = await silenceHarness(teams, new Date(T0), [
      { schedule: "0 0 2 * * *", durationMinutes: 60, comment: "nightly patching" },
    ]);
    const down = scenario();
    let silencedCycles = 0;
    for (let i = 0; i < CYCLES; i += 1) {
      h.setPrimaryDown(down[i]!);
      const report = await h.cycle();
      if (report.findings.some((f) => f.silencedBy?.includes("maintenance"))) silencedCycles += 1;
      h.clock.advance(CYCLE);
    }
    const model = expectedNotifications(down);
    expect(down.filter(Boolean).length).toBeGreaterThan(20);
    expect(model.deferred).toBe(1);
    expect(model.total).toBeGreaterThan(10);
    expect(silencedCycles).toBe(down.slice(24, 36).filter(Boolean).length);
    expect(teams.delivered).toHaveLength(model.total);
  });
});
