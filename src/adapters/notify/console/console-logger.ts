import type { AlertLogger } from "../../../app/ports/alert-logger.js";

export type LineWriter = (line: string) => void;

/** JSON lines (`{"level","event",...fields}`): what App Insights and `serve` both read well. */
export function createJsonLogger(write: LineWriter, now: () => Date = () => new Date()): AlertLogger {
  const log =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      write(JSON.stringify({ time: now().toISOString(), level, event, ...fields }));
    };
  return { info: log("info"), warn: log("warn"), error: log("error") };
}
