import type { EndpointType } from "../profile.js";

/** Where a drill stands; each phase is one queue message (a wait is the same phase again, later). */
export type DrillPhase =
  "preflight" | "silence" | "disable" | "await-failover" | "enable" | "await-failback" | "unsilence" | "done";

export type DrillOutcome = "passed" | "failed" | "aborted";

/** One thing the drill did or saw, as shown in the result and printed by `tm-sentinel drill`. */
export interface DrillStep {
  at: string;
  action: string;
  observed: string;
}

export type PreflightCheckName =
  | "routing-priority"
  | "profile-enabled"
  | "dns-name"
  | "primary-serving-healthy"
  | "standby-healthy"
  | "no-other-drill"
  | "no-critical-incident";

export interface PreflightCheck {
  check: PreflightCheckName;
  ok: boolean;
  detail: string;
}

/**
 * A failover drill as stored (Table storage) and returned by the API. `seq` counts the messages
 * that advanced it, so a redelivered or duplicate message (an older `seq`) is recognised and dropped.
 */
export interface Drill {
  id: string;
  /** Profile key `{sub}/{rg}/{name}`, lower case. */
  profile: string;
  dryRun: boolean;
  /** Who started it: `http`, `cli`, `schedule`. */
  trigger: string;
  startedAt: string;
  finishedAt?: string;
  phase: DrillPhase;
  outcome?: DrillOutcome;
  /** Why it failed or aborted, in one sentence. */
  reason?: string;
  seq: number;
  /** When the next message is due: a drill far past it has lost its message (crash recovery). */
  nextAt: string;
  /** Seconds each wait may last before the drill gives up (DRILL_DEADLINE_SECONDS or max(300, 3 × TTL)). */
  deadlineSeconds: number;
  /** Seconds between two looks at ARM and DNS while waiting. */
  pollSeconds: number;
  /** End of the current wait (failover, failback or PATCH retries). */
  deadlineAt?: string;
  primary?: { name: string; type: EndpointType };
  expectedStandby: string | null;
  observedStandby: string | null;
  failoverSeconds: number | null;
  failbackSeconds: number | null;
  steps: DrillStep[];
  /** True once the primary is Enabled and answering again; false when that failed; null before. */
  restored: boolean | null;
  preflight?: PreflightCheck[];
  silenceId?: string;
  /** Set before the disable PATCH is sent: from then on only this drill may re-enable the primary. */
  disableSentAt?: string;
  disabledAt?: string;
  enabledAt?: string;
}

/** The public result (the shape), the stored drill minus bookkeeping. */
export interface DrillResult {
  id: string;
  profile: string;
  dryRun: boolean;
  phase: DrillPhase;
  startedAt: string;
  finishedAt: string | null;
  outcome: DrillOutcome | null;
  reason?: string;
  expectedStandby: string | null;
  observedStandby: string | null;
  failoverSeconds: number | null;
  failbackSeconds: number | null;
  steps: DrillStep[];
  restored: boolean | null;
  preflight: PreflightCheck[];
}

export function drillResult(d: Drill): DrillResult {
  return {
    id: d.id,
    profile: d.profile,
    dryRun: d.dryRun,
    phase: d.phase,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt ?? null,
    outcome: d.outcome ?? null,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    expectedStandby: d.expectedStandby,
    observedStandby: d.observedStandby,
    failoverSeconds: d.failoverSeconds,
    failbackSeconds: d.failbackSeconds,
    steps: d.steps,
    restored: d.restored,
    preflight: d.preflight ?? [],
  };
}

export interface NewDrillInput {
  id: string;
  profile: string;
  dryRun: boolean;
  trigger: string;
  now: Date;
  deadlineSeconds: number;
  pollSeconds: number;
}

export function newDrill(input: NewDrillInput): Drill {
  const at = input.now.toISOString();
  return {
    id: input.id,
    profile: input.profile.toLowerCase(),
    dryRun: input.dryRun,
    trigger: input.trigger,
    startedAt: at,
    phase: "preflight",
    seq: 0,
    nextAt: at,
    deadlineSeconds: input.deadlineSeconds,
    pollSeconds: input.pollSeconds,
    expectedStandby: null,
    observedStandby: null,
    failoverSeconds: null,
    failbackSeconds: null,
    steps: [{ at, action: "start", observed: input.dryRun ? "dry run: preflight only" : "drill requested" }],
    restored: null,
  };
}

/** The drill's deadline when DRILL_DEADLINE_SECONDS is unset: max(300, 3 × TTL). */
export function defaultDeadlineSeconds(ttl: number | undefined): number {
  return Math.max(300, 3 * (ttl ?? 0));
}

/** True when the drill is over (nothing left to do, lease released). */
export function isFinished(d: Pick<Drill, "phase">): boolean {
  return d.phase === "done";
}

/** True when this drill sent the disable and has not seen the primary Enabled again since. */
export function mayHaveDisabledPrimary(d: Drill): boolean {
  return d.disableSentAt !== undefined && d.enabledAt === undefined;
}
