import type { FindingCode } from "../finding.js";
import { latestOccurrence, parseNcrontab } from "./ncrontab.js";

/** A recurring maintenance window of one profile (desired state `maintenance[]`). */
export interface MaintenanceWindow {
  /** NCRONTAB, UTC: when a window starts. */
  schedule: string;
  /** 1–1440. */
  durationMinutes: number;
  /** Only findings about these endpoints (ARM names, case-insensitive); all when absent. */
  endpoints?: string[];
  /** Only these codes; all (except AUDIT_ERROR and ALERT_DELIVERY_FAILED) when absent. */
  codes?: FindingCode[];
  comment: string;
}

export interface OpenWindow {
  window: MaintenanceWindow;
  startedAt: Date;
  endsAt: Date;
}

/**
 * The window's current occurrence when `at` lies inside one: an occurrence t with
 * t ≤ at < t + duration (the latest one decides: earlier ones end earlier). An invalid schedule
 * never matches (validation rejects it before it is stored).
 */
export function openWindow(window: MaintenanceWindow, at: Date): OpenWindow | undefined {
  const parsed = parseNcrontab(window.schedule);
  if (!parsed.ok) return undefined;
  const durationMs = window.durationMinutes * 60_000;
  const start = latestOccurrence(parsed.value, at, durationMs);
  if (!start || at.getTime() >= start.getTime() + durationMs) return undefined;
  return { window, startedAt: start, endsAt: new Date(start.getTime() + durationMs) };
}
