import type { Report } from "../../core/report.js";
import type { AlertDispatcher } from "../ports/alert-dispatcher.js";
import type { AuditQueue, PoisonedMessage } from "../ports/audit-queue.js";
import type { Clock } from "../ports/clock.js";
import type { ReportStore } from "../ports/report-store.js";
import { auditErrorReport } from "../../core/assess-profile.js";
import { parseAuditMessage, profilesOf } from "./audit-message.js";

export interface PoisonDeps {
  queue: AuditQueue;
  /** `latest` is optional: with it, a profile already reported after its cycle began is not re-reported. */
  reports: Pick<ReportStore, "save"> & Partial<Pick<ReportStore, "latest">>;
  alerts: Pick<AlertDispatcher, "dispatch">;
  clock: Clock;
}

export interface PoisonSummary {
  /** Profiles that got an AUDIT_ERROR report. */
  reported: string[];
  /** Poison messages that named no profile; removed, since no retry can help them. */
  unreadable: number;
}

/** Enough for any realistic backlog; what is left is picked up by the next cycle. */
const MAX_BATCHES = 50;

/**
 * Turns messages the host gave up on into an AUDIT_ERROR report per profile (saved and handed to
 * the alerts), then removes them. Runs at the start of each timer cycle, before anything new is
 * enqueued. A message is removed only after its report is saved, so a crash loses nothing.
 */
export async function reportPoisonedAudits(deps: PoisonDeps): Promise<PoisonSummary> {
  const byProfile = new Map<
    string,
    { cycleId: string; cycleStartedAt: string; messages: PoisonedMessage[] }
  >();
  const unreadable: PoisonedMessage[] = [];
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const messages = await deps.queue.receivePoisoned(32);
    if (messages.length === 0) break;
    for (const message of messages) {
      const parsed = parseAuditMessage(message.body);
      if (!parsed.ok) {
        unreadable.push(message);
        continue;
      }
      // A listed batch names several profiles: each gets the report; the message goes once all are saved.
      for (const profile of profilesOf(parsed.message)) {
        const { cycleId, cycleStartedAt } = parsed.message;
        const entry = byProfile.get(profile) ?? { cycleId, cycleStartedAt, messages: [] };
        entry.messages.push(message);
        byProfile.set(profile, entry);
      }
    }
  }
  const at = deps.clock.now();
  const reports: Report[] = [];
  const handled = new Set([...byProfile.values()].flatMap((e) => e.messages));
  for (const [profile, entry] of byProfile) {
    // A batch fails as a whole; the profiles whose audit was saved before the failure stand.
    const latest = await deps.reports.latest?.(profile);
    if (latest && Date.parse(latest.generatedAt) > Date.parse(entry.cycleStartedAt)) {
      byProfile.delete(profile);
      continue;
    }
    const report = auditErrorReport(
      profile,
      `The queued audit of this profile failed on every attempt in cycle ${entry.cycleId} and was moved ` +
        "to the poison queue; see the audit-profile function's logs for the error.",
      at,
    );
    await deps.reports.save(report);
    reports.push(report);
  }
  // After every report is saved: a batch message names profiles saved in different turns above.
  await Promise.all([...handled].map((m) => m.remove()));
  await Promise.all(unreadable.map((m) => m.remove()));
  if (reports.length > 0) await deps.alerts.dispatch(reports);
  return { reported: [...byProfile.keys()], unreadable: unreadable.length };
}
