/**
 * A pure evaluator for the six-field NCRONTAB expressions Azure Functions timers use
 * (`{second} {minute} {hour} {day} {month} {day-of-week}`), always in UTC. Fields take `*`, a
 * value, a range `a-b`, a step `*∕n`, `a-b∕n` or `a∕n`, and comma lists; months and days of the
 * week also take English names (`Jan`, `Mon-Fri`); day-of-week 0 and 7 are Sunday. When both day
 * and day-of-week are restricted, both must match (as NCrontab does).
 */
export interface CronSchedule {
  seconds: readonly boolean[];
  minutes: readonly boolean[];
  hours: readonly boolean[];
  days: readonly boolean[];
  months: readonly boolean[];
  weekdays: readonly boolean[];
}

export type CronParse = { ok: true; value: CronSchedule } | { ok: false; message: string };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Index offset of the first name (months start at 1). */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { name: "second", min: 0, max: 59 },
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: "day-of-week", min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
];

function value(text: string, spec: FieldSpec): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const i = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  return i >= 0 ? i + (spec.nameBase ?? 0) : undefined;
}

function parseField(text: string, spec: FieldSpec): boolean[] | string {
  const set: boolean[] = new Array<boolean>(spec.max + 1).fill(false);
  for (const part of text.split(",")) {
    const m = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return `${spec.name} field "${text}" is not valid`;
    const [, range = "", stepText] = m;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return `${spec.name} field "${text}" has a step of 0`;
    let from: number | undefined;
    let to: number | undefined;
    if (range === "*") [from, to] = [spec.min, spec.max];
    else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      [from, to] = [value(a, spec), value(b, spec)];
    } else {
      from = value(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    if (from === undefined || to === undefined || from > to)
      return `${spec.name} field "${text}" must use values ${String(spec.min)}–${String(spec.max)}${spec.names ? " or names" : ""}`;
    for (let v = from; v <= to; v += step) set[v] = true;
  }
  return set;
}

/** Parses an NCRONTAB expression; the message names the offending field. */
export function parseNcrontab(expression: string): CronParse {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6)
    return {
      ok: false,
      message: "must have 6 fields: {second} {minute} {hour} {day} {month} {day-of-week}, e.g. 0 0 2 * * *",
    };
  const sets: boolean[][] = [];
  for (const [i, spec] of FIELDS.entries()) {
    const parsed = parseField(parts[i]!, spec);
    if (typeof parsed === "string") return { ok: false, message: parsed };
    sets.push(parsed);
  }
  const [seconds, minutes, hours, days, months, weekdays] = sets as [
    boolean[],
    boolean[],
    boolean[],
    boolean[],
    boolean[],
    boolean[],
  ];
  if (weekdays[7]) weekdays[0] = true;
  return { ok: true, value: { seconds, minutes, hours, days, months, weekdays } };
}

const MINUTE = 60_000;

function minuteMatches(s: CronSchedule, t: Date): boolean {
  return (
    s.minutes[t.getUTCMinutes()] === true &&
    s.hours[t.getUTCHours()] === true &&
    s.days[t.getUTCDate()] === true &&
    s.months[t.getUTCMonth() + 1] === true &&
    s.weekdays[t.getUTCDay()] === true
  );
}

/**
 * The latest occurrence at or before `at`, looking back at most `lookbackMs`; undefined when there
 * is none in that span. Walks minute by minute, so keep the look-back to a day or so.
 */
export function latestOccurrence(s: CronSchedule, at: Date, lookbackMs: number): Date | undefined {
  const now = at.getTime();
  const firstMinute = Math.floor(now / MINUTE) * MINUTE;
  for (let m = firstMinute; m >= now - lookbackMs - MINUTE; m -= MINUTE) {
    if (!minuteMatches(s, new Date(m))) continue;
    const limit = m === firstMinute ? Math.floor((now - m) / 1000) : 59;
    for (let sec = limit; sec >= 0; sec -= 1) {
      if (s.seconds[sec] !== true) continue;
      const t = m + sec * 1000;
      return now - t <= lookbackMs ? new Date(t) : undefined;
    }
  }
  return undefined;
}
