import { parseProfileKey } from "../../core/profile-key.js";
import type { ProfileKey } from "../../core/profile.js";
import type { AuditWorkItem } from "../ports/audit-queue.js";
import type { ReportStore } from "../ports/report-store.js";
import { parseWorkItem } from "./work-item.js";

export interface WorkItemDeps {
  reports: Pick<ReportStore, "latest">;
  /** Audits the profiles, saves their reports and dispatches alerts (`auditProfiles` bound to a Runtime). */
  auditProfiles(keys: ProfileKey[]): Promise<unknown>;
}

export type WorkItemOutcome =
  | { status: "audited"; item: AuditWorkItem }
  | { status: "already-audited"; item: AuditWorkItem; reportGeneratedAt: string }
  | { status: "invalid"; problems: string[] };

/**
 * Audits the one profile a queue message names, at most once per cycle. A message can arrive
 * twice (the host redelivers when an instance dies after saving but before completing); when the
 * profile already has a report generated after the cycle started, that report stands.
 * An invalid message is returned as data: retrying it could never succeed.
 * @throws whatever the audit throws, so the host retries and finally poisons the message.
 */
export async function auditWorkItem(deps: WorkItemDeps, body: unknown): Promise<WorkItemOutcome> {
  const parsed = parseWorkItem(body);
  if (!parsed.ok) return { status: "invalid", problems: parsed.problems };
  const { item } = parsed;
  const latest = await deps.reports.latest(item.profile);
  if (latest && Date.parse(latest.generatedAt) > Date.parse(item.cycleStartedAt))
    return { status: "already-audited", item, reportGeneratedAt: latest.generatedAt };
  await deps.auditProfiles([parseProfileKey(item.profile)!]);
  return { status: "audited", item };
}
