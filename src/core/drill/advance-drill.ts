import type { Drill, DrillStep } from "./drill.js";
import type { PreflightResult } from "./preflight.js";

/** What the drill does next: run the next phase after `delaySeconds`, or nothing (finished). */
export interface DrillTransition {
  drill: Drill;
  /** Seconds until the next message; undefined when the drill is done. */
  delaySeconds?: number;
}

/** A write to Traffic Manager: accepted, worth retrying (409/429/5xx/network), or refused for good. */
export type WriteOutcome =
  { kind: "ok" } | { kind: "retry"; message: string } | { kind: "refused"; message: string };

/** One look at ARM and DNS while waiting. */
export interface Observation {
  /** The endpoint the DNS answer names (null: none; undefined: lookup failed). */
  dnsEndpoint: string | null | undefined;
  /** ARM's endpointStatus/endpointMonitorStatus, e.g. `primary Disabled/Disabled, backup Enabled/Online`. */
  arm: string;
}

const secondsBetween = (from: string, to: Date): number =>
  Math.round((to.getTime() - Date.parse(from)) / 100) / 10;

function step(d: Drill, now: Date, action: string, observed: string): DrillStep[] {
  return [...d.steps, { at: now.toISOString(), action, observed }];
}

function go(d: Drill, now: Date, changes: Partial<Drill>, delaySeconds: number): DrillTransition {
  const nextAt = new Date(now.getTime() + delaySeconds * 1000).toISOString();
  return { drill: { ...d, ...changes, seq: d.seq + 1, nextAt }, delaySeconds };
}

function deadline(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

function pastDeadline(d: Drill, now: Date): boolean {
  return d.deadlineAt !== undefined && now.getTime() >= Date.parse(d.deadlineAt);
}

/** Ends the drill (lease released by the store when it saves a finished drill). */
export function finish(d: Drill, now: Date, changes: Partial<Drill> = {}): DrillTransition {
  const merged = { ...d, ...changes };
  const outcome = merged.outcome ?? "passed";
  return {
    drill: {
      ...merged,
      outcome,
      phase: "done",
      seq: d.seq + 1,
      nextAt: now.toISOString(),
      finishedAt: now.toISOString(),
      steps: [
        ...merged.steps,
        {
          at: now.toISOString(),
          action: "finish",
          observed: `${outcome}${merged.reason ? `: ${merged.reason}` : ""}`,
        },
      ],
    },
  };
}

export function afterPreflight(d: Drill, result: PreflightResult, now: Date): DrillTransition {
  const failed = result.checks.filter((c) => !c.ok);
  const base: Partial<Drill> = {
    preflight: result.checks,
    expectedStandby: result.expectedStandby?.name ?? null,
    steps: step(
      d,
      now,
      "preflight",
      failed.length === 0
        ? "all checks passed"
        : `failed: ${failed.map((c) => `${c.check} (${c.detail})`).join("; ")}`,
    ),
  };
  if (result.primary) base.primary = { name: result.primary.name, type: result.primary.type };
  if (failed.length > 0)
    return finish(d, now, {
      ...base,
      outcome: "aborted",
      reason: `preflight refused: ${failed.map((c) => c.check).join(", ")}`,
    });
  if (d.dryRun)
    return finish(d, now, {
      ...base,
      outcome: "passed",
      reason: "dry run: preflight passed, nothing written",
    });
  return go(d, now, { ...base, phase: "silence" }, 0);
}

export function afterSilence(
  d: Drill,
  silenceId: string | undefined,
  observed: string,
  now: Date,
): DrillTransition {
  return go(
    d,
    now,
    {
      phase: "disable",
      ...(silenceId !== undefined ? { silenceId } : {}),
      deadlineAt: deadline(now, d.deadlineSeconds),
      steps: step(d, now, "silence", observed),
    },
    0,
  );
}

/** Marks the disable as sent before the PATCH leaves, so a crash mid-call still restores. */
export function beforeDisable(d: Drill, now: Date): Drill {
  return d.disableSentAt !== undefined ? d : { ...d, disableSentAt: now.toISOString() };
}

export function afterDisable(d: Drill, outcome: WriteOutcome, now: Date): DrillTransition {
  const primary = d.primary?.name ?? "primary";
  if (outcome.kind === "ok")
    return go(
      d,
      now,
      {
        phase: "await-failover",
        disabledAt: now.toISOString(),
        deadlineAt: deadline(now, d.deadlineSeconds),
        steps: step(d, now, `disable ${primary}`, "ARM accepted endpointStatus Disabled"),
      },
      d.pollSeconds,
    );
  if (outcome.kind === "retry" && !pastDeadline(d, now))
    return go(
      d,
      now,
      { steps: step(d, now, `disable ${primary}`, `retrying: ${outcome.message}`) },
      d.pollSeconds,
    );
  return toEnable(d, now, {
    outcome: "aborted",
    reason: `could not disable ${primary}: ${outcome.message}`,
    steps: step(d, now, `disable ${primary}`, `gave up: ${outcome.message}`),
  });
}

function toEnable(d: Drill, now: Date, changes: Partial<Drill>): DrillTransition {
  return go(d, now, { ...changes, phase: "enable", deadlineAt: deadline(now, d.deadlineSeconds) }, 0);
}

export function afterFailoverLook(d: Drill, look: Observation, now: Date): DrillTransition {
  const named = look.dnsEndpoint;
  const observed = `DNS answers ${named === undefined ? "(lookup failed)" : (named ?? "no endpoint")}; ARM ${look.arm}`;
  const primary = d.primary?.name;
  const steps = step(d, now, "watch failover", observed);
  const observedStandby = named && named !== primary ? named : d.observedStandby;
  if (named && named === d.expectedStandby)
    return toEnable(d, now, {
      steps,
      observedStandby: named,
      failoverSeconds: secondsBetween(d.disabledAt ?? d.startedAt, now),
    });
  if (pastDeadline(d, now))
    return toEnable(d, now, {
      steps,
      observedStandby,
      outcome: "failed",
      reason: `traffic did not move to ${d.expectedStandby ?? "a standby"} within ${d.deadlineSeconds} s (DNS answers ${named ?? "no endpoint"})`,
    });
  return go(d, now, { steps, observedStandby }, d.pollSeconds);
}

/** `alreadyEnabled`: the primary was found Enabled (nothing to PATCH; maybe never disabled). */
export function afterEnable(d: Drill, outcome: WriteOutcome | "already-enabled", now: Date): DrillTransition {
  const primary = d.primary?.name ?? "primary";
  if (outcome === "already-enabled" || outcome.kind === "ok")
    return go(
      d,
      now,
      {
        phase: "await-failback",
        enabledAt: now.toISOString(),
        deadlineAt: deadline(now, d.deadlineSeconds),
        steps: step(
          d,
          now,
          `enable ${primary}`,
          outcome === "already-enabled" ? "already Enabled in ARM" : "ARM accepted endpointStatus Enabled",
        ),
      },
      d.pollSeconds,
    );
  if (outcome.kind === "retry" && !pastDeadline(d, now))
    return go(
      d,
      now,
      { steps: step(d, now, `enable ${primary}`, `retrying: ${outcome.message}`) },
      d.pollSeconds,
    );
  return go(
    d,
    now,
    {
      phase: "unsilence",
      outcome: "failed",
      restored: false,
      reason: `could not re-enable ${primary}: ${outcome.message}`,
      steps: step(d, now, `enable ${primary}`, `gave up: ${outcome.message}`),
    },
    0,
  );
}

export function afterFailbackLook(d: Drill, look: Observation, now: Date): DrillTransition {
  const named = look.dnsEndpoint;
  const observed = `DNS answers ${named === undefined ? "(lookup failed)" : (named ?? "no endpoint")}; ARM ${look.arm}`;
  const steps = step(d, now, "watch failback", observed);
  const primary = d.primary?.name;
  if (named && named === primary)
    return go(
      d,
      now,
      {
        steps,
        restored: true,
        phase: "unsilence",
        failbackSeconds: secondsBetween(d.enabledAt ?? d.startedAt, now),
      },
      0,
    );
  if (pastDeadline(d, now))
    return go(
      d,
      now,
      {
        steps,
        restored: false,
        phase: "unsilence",
        outcome: "failed",
        reason: `${primary ?? "the primary"} is Enabled but DNS did not answer with it within ${d.deadlineSeconds} s`,
      },
      0,
    );
  return go(d, now, { steps }, d.pollSeconds);
}

export function afterUnsilence(d: Drill, observed: string, now: Date): DrillTransition {
  return finish(d, now, { steps: step(d, now, "end silence", observed) });
}

/**
 * A drill whose message was lost (the process died) is closed by the timer: it restores the
 * primary if this drill disabled it and it is still disabled, then ends as aborted.
 */
export function recoverDrill(
  d: Drill,
  restore: string,
  restored: boolean | null,
  now: Date,
): DrillTransition {
  return finish(d, now, {
    outcome: d.outcome ?? "aborted",
    reason:
      d.reason ?? "the drill stopped (its process died or its message was lost); recovered by the timer",
    restored: restored ?? d.restored,
    steps: step(d, now, "recover", restore),
  });
}

/** The drill counts as stalled when its next message is this late. */
export function isStalled(d: Drill, now: Date, graceSeconds: number): boolean {
  return d.phase !== "done" && now.getTime() > Date.parse(d.nextAt) + graceSeconds * 1000;
}
