import type { ActiveSilence, StatusPageInput, StatusProfileInput } from "../core/status/status-input.js";
import type { Clock } from "./ports/clock.js";
import type { DesiredStateStore } from "./ports/desired-state-store.js";
import type { ReportStore } from "./ports/report-store.js";
import type { ProfileHistory, StatusHistoryStore } from "./ports/status-history-store.js";

/** Active silences (issue 13's silence store, adapted); optional so the page works without it. */
export interface ActiveSilenceSource {
  /** Silences whose window contains `now`. */
  active(now: Date): Promise<ActiveSilence[]>;
}

export interface StatusPorts {
  reports: Pick<ReportStore, "latest" | "listLatest">;
  desired: Pick<DesiredStateStore, "list" | "get">;
  clock: Clock;
  statusHistory?: StatusHistoryStore;
  activeSilences?: ActiveSilenceSource;
}

const DAY_MS = 86_400_000;

/**
 * Gathers what the status page shows, from storage only (never ARM, never a probe): the latest
 * reports (one query), desired states (one query), the status history (two queries) and the active
 * silences. `profile` narrows it to one (already checked to be watched by the caller).
 */
export async function gatherStatus(
  ports: StatusPorts,
  request: { profile?: string; schedulePeriodSeconds: number },
): Promise<StatusPageInput> {
  const now = ports.clock.now();
  const profile = request.profile?.toLowerCase();
  const historyQuery = {
    samplesSince: new Date(now.getTime() - DAY_MS),
    eventsSince: new Date(now.getTime() - 7 * DAY_MS),
    ...(profile !== undefined ? { profile } : {}),
  };
  const [reports, desired, history, silences] = await Promise.all([
    profile === undefined
      ? ports.reports.listLatest()
      : ports.reports.latest(profile).then((r) => (r ? [r] : [])),
    profile === undefined
      ? ports.desired.list()
      : ports.desired.get(profile).then((d) => (d ? [{ ...d, profile }] : [])),
    ports.statusHistory?.read(historyQuery) ?? Promise.resolve(new Map<string, ProfileHistory>()),
    ports.activeSilences?.active(now) ?? Promise.resolve([]),
  ]);
  const byKey = new Map<string, StatusProfileInput>();
  const entry = (key: string): StatusProfileInput => {
    const k = key.toLowerCase();
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { profile: k, samples: [], events: [] }));
    return e;
  };
  if (profile !== undefined) entry(profile);
  for (const r of reports) entry(r.profile).report = r;
  for (const d of desired)
    entry(d.profile).desired = d.document.endpoints.map((x) => ({ name: x.name, enabled: x.enabled }));
  for (const [key, h] of history) {
    const e = byKey.get(key);
    if (!e) continue; // history of a profile no longer known: not shown
    e.samples = h.samples;
    e.events = h.events;
    // The tail's problems describe the latest report only when it was recorded from that report.
    if (h.tail && e.report && h.tail.at === e.report.generatedAt) e.problems = h.tail.problems;
  }
  return {
    now,
    schedulePeriodSeconds: request.schedulePeriodSeconds,
    scope: profile === undefined ? "all" : "profile",
    profiles: [...byKey.values()],
    silences,
  };
}
