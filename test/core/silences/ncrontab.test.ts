import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latestOccurrence, parseNcrontab, type CronSchedule } from "../../../src/core/silences/ncrontab.js";
import { openWindow } from "../../../src/core/silences/maintenance.js";

function schedule(expr: string): CronSchedule {
  const parsed = parseNcrontab(expr);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** Independent check: second by second, backwards. */
function bruteLatest(s: CronSchedule, at: Date, lookbackMs: number): Date | undefined {
  const start = Math.floor(at.getTime() / 1000) * 1000;
  for (let t = start; t >= at.getTime() - lookbackMs; t -= 1000) {
    const d = new Date(t);
    if (
      s.seconds[d.getUTCSeconds()] &&
      s.minutes[d.getUTCMinutes()] &&
      s.hours[d.getUTCHours()] &&
      s.days[d.getUTCDate()] &&
      s.months[d.getUTCMonth() + 1] &&
      s.weekdays[d.getUTCDay()]
    )
      return d;
  }
  return undefined;
}

describe("parseNcrontab", () => {
  it("accepts the six-field forms Azure Functions documents", () => {
    for (const expr of [
      "0 */5 * * * *",
      "0 0 2 * * *",
      "0 30 9 * Jan Mon",
      "0 0 9-17 * * Mon-Fri",
      "5,35 0 0/2 1 * 7",
    ])
      expect(parseNcrontab(expr).ok, expr).toBe(true);
  });

  it("names the field that is wrong", () => {
    const message = (expr: string) => {
      const parsed = parseNcrontab(expr);
      return parsed.ok ? "" : parsed.message;
    };
    expect(message("0 61 * * * *")).toContain("minute");
    expect(message("0 0 2 * *")).toContain("6 fields");
    expect(message("0 0 2 * Foo *")).toContain("month");
  });

  it("treats day-of-week 7 as Sunday", () => {
    expect(schedule("0 0 0 * * 7").weekdays[0]).toBe(true);
  });
});

describe("latestOccurrence", () => {
  it("agrees with a second-by-second search", () => {
    const exprs = [
      "0 0 2 * * *",
      "0 */7 * * * *",
      "30 15 10-12 * * Mon-Fri",
      "*/20 59 23 * * *",
      "0 0 0 1 * *",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...exprs),
        fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-01-01T00:00:00Z") }),
        fc.integer({ min: 1, max: 180 }),
        (expr, t, lookbackMin) => {
          const s = schedule(expr);
          const at = new Date(t);
          expect(latestOccurrence(s, at, lookbackMin * 60_000)?.toISOString()).toBe(
            bruteLatest(s, at, lookbackMin * 60_000)?.toISOString(),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("openWindow", () => {
  const daily = { schedule: "0 0 2 * * *", durationMinutes: 60, comment: "patching" };

  it("is open from the occurrence to the second before its end", () => {
    expect(openWindow(daily, new Date("2026-03-01T01:59:59Z"))).toBeUndefined();
    expect(openWindow(daily, new Date("2026-03-01T02:00:00Z"))?.endsAt.toISOString()).toBe(
      "2026-03-01T03:00:00.000Z",
    );
    expect(openWindow(daily, new Date("2026-03-01T02:59:59.999Z"))).toBeDefined();
    expect(openWindow(daily, new Date("2026-03-01T03:00:00Z"))).toBeUndefined();
  });

  it("handles a window that crosses midnight", () => {
    const late = { schedule: "0 30 23 * * *", durationMinutes: 90, comment: "backup" };
    expect(openWindow(late, new Date("2026-03-02T00:59:00Z"))?.startedAt.toISOString()).toBe(
      "2026-03-01T23:30:00.000Z",
    );
    expect(openWindow(late, new Date("2026-03-02T01:00:00Z"))).toBeUndefined();
  });
});
