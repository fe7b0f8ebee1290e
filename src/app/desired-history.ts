import type { DesiredState } from "../core/desired-state.js";
import type { ApplyResult } from "../core/reconcile/plan.js";
import type { DesiredStateStore } from "./ports/desired-state-store.js";

/** One page request: at most `top` versions, all older than `beforeVersion` when given. */
export interface DesiredHistoryQuery {
  top: number;
  beforeVersion?: number;
}

export interface DesiredHistoryApply {
  at: string;
  appliedBy: string;
  results: ApplyResult[];
}

export interface DesiredHistoryVersion {
  version: number;
  /** `put` wrote a document (create, replace or adopt); `delete` stopped holding one. */
  change: "put" | "delete";
  updatedAt: string;
  updatedBy: string;
  /** True for the version the profile holds now. */
  current: boolean;
  /** Only on the current version: the ETag to send as If-Match (older versions cannot be matched). */
  etag?: string;
  /** The document of this version; null for a delete. */
  document: DesiredState | null;
  /** Plans applied against this version (reconcile), newest first. */
  applies: DesiredHistoryApply[];
}

export interface DesiredHistoryPage {
  profile: string;
  versions: DesiredHistoryVersion[];
  /** Set when older versions remain: pass it back as `beforeVersion`. */
  nextBeforeVersion?: number;
}

/**
 * Desired-state history of a profile, newest first, one page. Apply records are linked to the
 * version they were planned against (ApplyRecord.desiredVersion), so a page shows what was
 * written and what was then applied to Traffic Manager from it. The store bounds the history
 * (DESIRED_HISTORY_VERSIONS), so reading it whole per page stays small.
 */
export async function desiredHistory(
  store: DesiredStateStore,
  profile: string,
  query: DesiredHistoryQuery,
): Promise<DesiredHistoryPage> {
  const [changes, current, applies] = await Promise.all([
    store.history(profile),
    store.get(profile),
    store.applies(profile),
  ]);
  const older =
    query.beforeVersion === undefined
      ? changes
      : changes.filter((c) => c.version < (query.beforeVersion ?? 0));
  const page = older.slice(0, query.top);
  const versions = page.map((c): DesiredHistoryVersion => {
    const isCurrent = current !== undefined && !c.deleted && c.version === current.version;
    return {
      version: c.version,
      change: c.deleted ? "delete" : "put",
      updatedAt: c.at,
      updatedBy: c.by,
      current: isCurrent,
      ...(isCurrent ? { etag: current.etag } : {}),
      document: c.deleted ? null : (c.after ?? null),
      applies: applies
        .filter((a) => a.desiredVersion === c.version)
        .map((a) => ({ at: a.at, appliedBy: a.appliedBy, results: a.results })),
    };
  });
  const last = page.at(-1);
  return {
    profile,
    versions,
    ...(older.length > page.length && last ? { nextBeforeVersion: last.version } : {}),
  };
}
