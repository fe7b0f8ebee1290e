import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertDispatcher } from "../../../src/adapters/notify/create-alert-dispatcher.js";
import { MemoryAlertOutbox } from "../../../src/adapters/memory/memory-alert-outbox.js";
import { MemoryAlertStateStore } from "../../../src/adapters/memory/memory-alert-state-store.js";
import { loadConfig } from "../../../src/config/load-config.js";
import type { Finding } from "../../../src/core/finding.js";
import { aFinding, aReport, HOUR, ManualClock, MINUTE } from "../../support/builders/alert-builders.js";
import { startTeamsReceiver, type TeamsReceiver } from "../../support/teams-receiver.js";

let teams: TeamsReceiver;
beforeAll(async () => {
  teams = await startTeamsReceiver();
});
afterAll(() => teams.close());

/** Park–Miller LCG: a fixed pseudo-random flapping pattern, the same on every run. */
function pattern(seed: number, cycles: number, pDownWhenUp: number, pUpWhenDown: number): boolean[] {
  let s = seed;
  const next = () => (s = (s * 48_271) % 2_147_483_647) / 2_147_483_647;
  const out: boolean[] = [];
  let down = false;
  for (let i = 0; i < cycles; i += 1) {
    down = down ? next() >= pUpWhenDown : next() < pDownWhenUp;
    out.push(down);
  }
  return out;
}

/** Independent model of the transitions of one incident: opened, reminder, resolved. */
function transitionCycles(down: boolean[], repeatMs: number, cycleMs: number): Set<number> {
  const cycles = new Set<number>();
  let open = false;
  let lastNotified = 0;
  down.forEach((isDown, i) => {
    const t = i * cycleMs;
    if (isDown && !open) [open, lastNotified] = [true, t];
    else if (isDown && t - lastNotified >= repeatMs) lastNotified = t;
    else if (!isDown && open) open = false;
    else return;
    cycles.add(i);
  });
  return cycles;
}

describe("alert pipeline soak (time-warped)", () => {
  it("sends one notification per cycle with a transition over 24 h of flapping, and ends resolved", async () => {
    const CYCLES = 288;
    // Long outages (so 4 h critical reminders happen) and short flaps; the last two hours are quiet.
    const primary = pattern(7, CYCLES, 0.04, 0.03).map((d, i) => d && i < CYCLES - 24);
    const order = pattern(99, CYCLES, 0.1, 0.3).map((d, i) => d && i < CYCLES - 24);
    const config = loadConfig({ ALERT_TEAMS_WEBHOOK_URL: teams.url });
    const clock = new ManualClock();
    const outbox = new MemoryAlertOutbox();
    const state = new MemoryAlertStateStore(outbox);
    const lines: string[] = [];
    const dispatcher = createAlertDispatcher(config, {
      clock,
      write: (l) => lines.push(l),
      ca: teams.ca,
      state,
      outbox,
    });

    for (let i = 0; i < CYCLES; i += 1) {
      const findings: Finding[] = [];
      if (primary[i]) findings.push(aFinding());
      if (order[i])
        findings.push(aFinding({ code: "ORDER_DRIFT", severity: "warning", endpoint: "web-westus" }));
      await dispatcher.dispatch([aReport({ generatedAt: clock.now().toISOString(), findings })]);
      clock.advance(5 * MINUTE);
    }

    const expected = new Set([
      ...transitionCycles(primary, 4 * HOUR, 5 * MINUTE),
      ...transitionCycles(order, 24 * HOUR, 5 * MINUTE),
    ]);
    expect(primary.filter(Boolean).length).toBeGreaterThan(48); // the pattern really has a long outage
    expect(expected.size).toBeGreaterThan(10);
    expect(teams.delivered).toHaveLength(expected.size);
    expect(lines.filter((l) => l.startsWith("[tm-sentinel]"))).toHaveLength(expected.size);
    expect(
      lines.filter((l) => l.includes('"event":"alert.transition"') && l.includes('"kind":"reminder"')).length,
    ).toBeGreaterThan(0);
    expect((await state.load(aReport().profile))?.state.incidents).toEqual([]);
  });
});
