import { formatProfileKey, parseProfileKey } from "../../core/profile-key.js";
import type { ProfileKey } from "../../core/profile.js";
import type { Report } from "../../core/report.js";
import type { AuditWorkItem, ListedAuditBatch } from "../ports/audit-queue.js";
import type { ReportStore } from "../ports/report-store.js";
import { isListedBatch, parseAuditMessage } from "./audit-message.js";

export interface WorkItemDeps {
  reports: Pick<ReportStore, "latest" | "latestMany">;
  /** Audits the profiles, saves their reports and dispatches alerts (`auditProfiles` bound to a Runtime). */
  auditProfiles(keys: ProfileKey[]): Promise<unknown>;
  /**
   * Audits a listed-snapshot message's profiles as listed (`auditListedBatch` bound to a Runtime),
   * handed the latest reports the redelivery check read. Absent: such a message is audited
   * through `auditProfiles`, i.e. read from ARM.
   */
  auditBatch?(batch: ListedAuditBatch, latest: ReadonlyMap<string, Report>): Promise<unknown>;
}

export type WorkItemOutcome =
  | { status: "audited"; item: AuditWorkItem }
  | { status: "already-audited"; item: AuditWorkItem; reportGeneratedAt: string }
  | { status: "audited-listed"; cycleId: string; audited: string[]; skipped: string[] }
  | { status: "invalid"; problems: string[] };

/**
 * Audits what one queue message names, at most once per cycle. A message can arrive twice (the
 * host redelivers when an instance dies after saving but before completing); a profile that
 * already has a report generated after the cycle started keeps it. Both message formats are
 * accepted: the listed batch and the old one-profile item (in flight during an upgrade).
 * An invalid message is returned as data: retrying it could never succeed.
 * @throws whatever the audit throws, so the host retries and finally poisons the message.
 */
export async function auditWorkItem(deps: WorkItemDeps, body: unknown): Promise<WorkItemOutcome> {
  const parsed = parseAuditMessage(body);
  if (!parsed.ok) return { status: "invalid", problems: parsed.problems };
  const message = parsed.message;
  if (isListedBatch(message)) return auditBatchItem(deps, message);
  const latest = await deps.reports.latest(message.profile);
  if (latest && Date.parse(latest.generatedAt) > Date.parse(message.cycleStartedAt))
    return { status: "already-audited", item: message, reportGeneratedAt: latest.generatedAt };
  await deps.auditProfiles([parseProfileKey(message.profile)!]);
  return { status: "audited", item: message };
}

async function auditBatchItem(deps: WorkItemDeps, batch: ListedAuditBatch): Promise<WorkItemOutcome> {
  const keys = batch.profiles.map((p) => formatProfileKey(p.key));
  const latest = await latestOf(deps.reports, keys);
  const started = Date.parse(batch.cycleStartedAt);
  const done = new Set(
    keys.filter((k) => {
      const report = latest.get(k);
      return report !== undefined && Date.parse(report.generatedAt) > started;
    }),
  );
  const todo = batch.profiles.filter((p) => !done.has(formatProfileKey(p.key)));
  const audited = todo.map((p) => formatProfileKey(p.key));
  if (todo.length > 0) {
    const remaining = new Set(audited);
    const rest: ListedAuditBatch = {
      ...batch,
      profiles: todo,
      failures: batch.failures
        .map((f) => ({ ...f, profiles: f.profiles.filter((p) => remaining.has(p.toLowerCase())) }))
        .filter((f) => f.profiles.length > 0),
    };
    if (deps.auditBatch) await deps.auditBatch(rest, latest);
    else await deps.auditProfiles(todo.map((p) => p.key));
  }
  return { status: "audited-listed", cycleId: batch.cycleId, audited, skipped: [...done] };
}

async function latestOf(
  reports: WorkItemDeps["reports"],
  keys: readonly string[],
): Promise<Map<string, Report>> {
  if (reports.latestMany) return reports.latestMany(keys);
  const out = new Map<string, Report>();
  for (const key of keys) {
    const report = await reports.latest(key);
    if (report) out.set(key, report);
  }
  return out;
}
