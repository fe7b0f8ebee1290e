import { recoveredScopes, scopeRecoveredReport } from "../core/scope-report.js";
import { describeError } from "./errors.js";
import type { AlertDispatcher } from "./ports/alert-dispatcher.js";
import type { Clock } from "./ports/clock.js";
import type { ReadFailure } from "./ports/live-profile-source.js";
import type { ReportStore } from "./ports/report-store.js";

export interface ScopeRecoveryDeps {
  clock: Clock;
  reports?: Pick<ReportStore, "listLatest" | "remove"> | undefined;
  alerts?: Pick<AlertDispatcher, "dispatch"> | undefined;
}

/**
 * After a read of every watched scope (the timer's listing, never an audit of named profiles),
 * a scope that failed before and not now is readable again: its AUDIT_ERROR incident resolves
 * (the resolved notice goes out with its duration) and its report leaves the profile list.
 * Returns the recovered scopes. Never throws: a step that fails is retried next cycle, because
 * the scope report stays until its removal succeeds.
 */
export async function resolveRecoveredScopes(
  deps: ScopeRecoveryDeps,
  failures: readonly ReadFailure[],
): Promise<{ scopes: string[]; error?: string }> {
  if (!deps.reports) return { scopes: [] };
  try {
    const scopes = recoveredScopes(
      await deps.reports.listLatest(),
      failures.map((f) => f.scope),
    );
    if (scopes.length === 0) return { scopes };
    const now = deps.clock.now();
    await deps.alerts?.dispatch(scopes.map((scope) => scopeRecoveredReport(scope, now)));
    const reports = deps.reports;
    await Promise.all(scopes.map((scope) => reports.remove(scope)));
    return { scopes };
  } catch (e: unknown) {
    return { scopes: [], error: describeError(e) };
  }
}
