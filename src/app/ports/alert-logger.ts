/**
 * Structured log lines of the alert pipeline. Fields never carry secrets: callers pass channel
 * names, statuses and safe error descriptions only.
 */
export interface AlertLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}
