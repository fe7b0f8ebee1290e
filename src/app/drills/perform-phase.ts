import {
  afterDisable,
  afterEnable,
  afterFailbackLook,
  afterFailoverLook,
  afterPreflight,
  afterSilence,
  afterUnsilence,
  finish,
  type DrillTransition,
  type WriteOutcome,
} from "../../core/drill/advance-drill.js";
import { defaultDeadlineSeconds, mayHaveDisabledPrimary, type Drill } from "../../core/drill/drill.js";
import { runPreflight } from "../../core/drill/preflight.js";
import { buildProbeTargets } from "../../core/probe-target.js";
import type { ProbeVerdict } from "../../core/report.js";
import { resolveDnsAnswer } from "../dns-truth-check.js";
import { AppError, describeError } from "../errors.js";
import type { DrillDeps } from "./drill-deps.js";
import { observe, readLiveProfile } from "./observe-profile.js";

/** Findings of these codes do not block a drill: a new drill is how they clear. */
const NOT_BLOCKING = new Set(["DRILL_FAILED", "DRILL_SKIPPED", "DRILL_PASSED"]);

/** 409 and transient failures (429 beyond the SDK's retries, 5xx, network) are retried in the deadline. */
export function classifyWrite(e: unknown): WriteOutcome {
  const message = describeError(e);
  if (e instanceof AppError && (e.code === "CONFLICT" || e.code === "UPSTREAM"))
    return { kind: "retry", message };
  if (e instanceof AppError) return { kind: "refused", message };
  return { kind: "retry", message };
}

async function write(fn: () => Promise<void>): Promise<WriteOutcome> {
  try {
    await fn();
    return { kind: "ok" };
  } catch (e: unknown) {
    return classifyWrite(e);
  }
}

/**
 * Runs the I/O of the drill's current phase and returns the next state (pure transitions in
 * src/core/drill). `persist` saves an intermediate state (the disable mark) before a PATCH.
 */
export async function performPhase(
  deps: DrillDeps,
  drill: Drill,
  persist: (d: Drill) => Promise<Drill>,
): Promise<DrillTransition> {
  const now = () => deps.clock.now();
  switch (drill.phase) {
    case "preflight":
      return preflight(deps, drill);
    case "silence": {
      if (!deps.silences) return afterSilence(drill, undefined, "no silence store: alerts stay on", now());
      const windowSeconds = 2 * drill.deadlineSeconds + 10 * drill.pollSeconds + 120;
      try {
        const silence = await deps.silences.create({
          matchers: { profile: drill.profile },
          endsAt: new Date(now().getTime() + windowSeconds * 1000).toISOString(),
          createdBy: "tm-sentinel drill",
          comment: `failover drill ${drill.id}`,
        });
        return afterSilence(drill, silence.id, `silence ${silence.id} for ${windowSeconds} s`, now());
      } catch (e: unknown) {
        return afterSilence(
          drill,
          undefined,
          `could not silence (alerts stay on): ${describeError(e)}`,
          now(),
        );
      }
    }
    case "disable": {
      const primary = drill.primary!;
      const marked = await persist({ ...drill, disableSentAt: drill.disableSentAt ?? now().toISOString() });
      const outcome = await write(() =>
        deps.writer.updateEndpoint(drill.profile, primary, { endpointStatus: "Disabled" }),
      );
      return afterDisable(marked, outcome, now());
    }
    case "await-failover":
      return afterFailoverLook(drill, await observe(deps, drill.profile), now());
    case "enable": {
      const primary = drill.primary!;
      let enabled: boolean;
      try {
        const live = await readLiveProfile(deps, drill.profile);
        enabled = live.endpoints.find((e) => e.name === primary.name)?.enabled ?? true;
      } catch (e: unknown) {
        return afterEnable(drill, { kind: "retry", message: describeError(e) }, now());
      }
      // Only an endpoint this drill disabled, and only while it is still disabled.
      if (enabled || !mayHaveDisabledPrimary(drill)) return afterEnable(drill, "already-enabled", now());
      const outcome = await write(() =>
        deps.writer.updateEndpoint(drill.profile, primary, { endpointStatus: "Enabled" }),
      );
      return afterEnable(drill, outcome, now());
    }
    case "await-failback":
      return afterFailbackLook(drill, await observe(deps, drill.profile), now());
    case "unsilence": {
      if (drill.silenceId === undefined || !deps.silences)
        return afterUnsilence(drill, "no silence to end", now());
      try {
        await deps.silences.expire(drill.silenceId, now(), undefined, "tm-sentinel drill");
        return afterUnsilence(drill, `silence ${drill.silenceId} expired`, now());
      } catch (e: unknown) {
        return afterUnsilence(
          drill,
          `could not expire silence ${drill.silenceId}: ${describeError(e)}`,
          now(),
        );
      }
    }
    case "done":
      return { drill };
  }
}

async function preflight(deps: DrillDeps, drill: Drill): Promise<DrillTransition> {
  const now = deps.clock.now();
  let live;
  try {
    live = await readLiveProfile(deps, drill.profile);
  } catch (e: unknown) {
    return finish(drill, now, {
      outcome: "aborted",
      reason: `preflight could not read the profile: ${describeError(e)}`,
    });
  }
  const sized: Drill = {
    ...drill,
    deadlineSeconds: deps.settings.deadlineSeconds ?? defaultDeadlineSeconds(live.dns.ttl),
  };
  const verdicts = deps.prober ? new Map<string, ProbeVerdict>() : undefined;
  const targets = deps.prober ? buildProbeTargets(live) : [];
  if (deps.prober && verdicts && targets.length > 0) {
    for (const r of await deps.prober.probeAll(targets))
      verdicts.set(r.endpoint, {
        status: r.healthy ? "Online" : "Degraded",
        consecutiveFailures: r.healthy ? 0 : 1,
        last: r,
      });
  }
  const answer = await resolveDnsAnswer(deps.dns, deps.clock, live);
  const latest = await deps.reports?.latest(drill.profile).catch(() => undefined);
  const critical = [...(latest?.findings ?? []), ...(await openIncidentsOf(deps, drill.profile))]
    .filter((f) => f.severity === "critical" && !NOT_BLOCKING.has(f.code))
    .map((f) => f.code);
  const result = runPreflight({
    profile: live,
    related: new Map([[live.id.toLowerCase(), live]]),
    verdicts,
    otherDrill: undefined,
    criticalIncidents: [...new Set(critical)],
    dnsEndpoint: answer === undefined || answer.error !== undefined ? undefined : answer.endpoint,
  });
  return afterPreflight(sized, result, deps.clock.now());
}

/**
 * Open incidents of the profile by the alert pipeline's state: an incident stays open there after a
 * single clean report (resolution waits for a few cycles). Unreadable state fails the check: a drill
 * must not start blind.
 */
async function openIncidentsOf(
  deps: DrillDeps,
  profile: string,
): Promise<readonly { code: string; severity: string }[]> {
  if (!deps.openIncidents) return [];
  try {
    return await deps.openIncidents(profile.toLowerCase());
  } catch (e: unknown) {
    return [{ code: `alert state unreadable (${describeError(e)})`, severity: "critical" }];
  }
}
