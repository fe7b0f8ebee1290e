import { orderEndpoints } from "../failover-order.js";
import { effectiveTmStatus } from "../monitor-status.js";
import type { Endpoint, LiveProfile } from "../profile.js";
import type { ProbeVerdict } from "../report.js";
import type { PreflightCheck } from "./drill.js";

export interface PreflightInput {
  profile: LiveProfile;
  related: ReadonlyMap<string, LiveProfile>;
  /** Our probe verdicts by endpoint name (one fresh probe of every endpoint); undefined when probing is off. */
  verdicts: ReadonlyMap<string, ProbeVerdict> | undefined;
  /** Another unfinished drill holds the profile's lease. */
  otherDrill: string | undefined;
  /** Codes of open critical incidents on the profile. */
  criticalIncidents: readonly string[];
  /** Where the DNS answer named, when it was resolved (the primary must be serving). */
  dnsEndpoint: string | null | undefined;
}

export interface PreflightResult {
  checks: PreflightCheck[];
  ok: boolean;
  primary?: Endpoint;
  expectedStandby?: Endpoint;
}

function healthyByTm(e: Endpoint, input: PreflightInput): boolean {
  const status = effectiveTmStatus(e, input.related);
  return e.enabled && status === "Online";
}

function healthyByProbe(e: Endpoint, input: PreflightInput): boolean {
  // With probing switched off (PROBE_ENABLED=false) Traffic Manager's view is all there is.
  return input.verdicts === undefined || input.verdicts.get(e.name)?.status === "Online";
}

function describeHealth(e: Endpoint, input: PreflightInput): string {
  const tm = effectiveTmStatus(e, input.related) ?? "unknown";
  const probe =
    input.verdicts === undefined
      ? "off (PROBE_ENABLED=false)"
      : (input.verdicts.get(e.name)?.status ?? "not probed");
  return `${e.name}: Traffic Manager ${e.enabled ? tm : "Disabled"}, our probe ${probe}`;
}

/**
 * The preflight of a drill: every check is evaluated and named, so a refusal says all that is
 * wrong at once. The primary is the endpoint with the lowest priority value; the expected standby
 * is the next endpoint Traffic Manager would serve once the primary is disabled.
 */
export function runPreflight(input: PreflightInput): PreflightResult {
  const { profile } = input;
  const ordered = orderEndpoints(profile.endpoints);
  const primary = ordered[0];
  const standby = ordered.slice(1).find((e) => healthyByTm(e, input));
  const checks: PreflightCheck[] = [];
  const add = (check: PreflightCheck["check"], ok: boolean, detail: string) =>
    checks.push({ check, ok, detail });

  add(
    "routing-priority",
    profile.routingMethod === "Priority",
    `routing method is ${profile.routingMethod}${profile.routingMethod === "Priority" ? "" : " (drills need Priority)"}`,
  );
  add("profile-enabled", profile.profileStatus === "Enabled", `profile is ${profile.profileStatus}`);
  add("dns-name", profile.dns.fqdn !== undefined, profile.dns.fqdn ?? "the profile has no DNS name to watch");
  if (primary === undefined) {
    add("primary-serving-healthy", false, "the profile has no endpoints");
  } else {
    const healthy = healthyByTm(primary, input) && healthyByProbe(primary, input);
    const serving = input.dnsEndpoint === undefined || input.dnsEndpoint === primary.name;
    add(
      "primary-serving-healthy",
      healthy && serving,
      `${describeHealth(primary, input)}${serving ? "" : `; DNS answers with ${input.dnsEndpoint ?? "no endpoint"}`}`,
    );
  }
  const healthyStandbys = ordered.slice(1).filter((e) => healthyByTm(e, input) && healthyByProbe(e, input));
  const expectedOk = standby !== undefined && healthyByProbe(standby, input);
  add(
    "standby-healthy",
    expectedOk,
    standby === undefined
      ? `no standby is Online by Traffic Manager (${
          ordered
            .slice(1)
            .map((e) => describeHealth(e, input))
            .join("; ") || "no standby"
        })`
      : expectedOk
        ? `${standby.name} would take traffic (${healthyStandbys.length} standby healthy by both)`
        : `${describeHealth(standby, input)}: Traffic Manager would send traffic to an endpoint our probe finds unhealthy`,
  );
  add(
    "no-other-drill",
    input.otherDrill === undefined,
    input.otherDrill === undefined ? "no other drill" : `drill ${input.otherDrill} is running`,
  );
  add(
    "no-critical-incident",
    input.criticalIncidents.length === 0,
    input.criticalIncidents.length === 0
      ? "no open critical incident"
      : `open critical incident(s): ${input.criticalIncidents.join(", ")}`,
  );
  const result: PreflightResult = { checks, ok: checks.every((c) => c.ok) };
  if (primary) result.primary = primary;
  if (standby) result.expectedStandby = standby;
  return result;
}
