import { readFile } from "node:fs/promises";
import { ProfileFileSource } from "../adapters/arm/profile-file-source.js";
import { createDnsResolver } from "../adapters/dns/create-dns-resolver.js";
import { MemoryProbeStateStore } from "../adapters/memory/memory-probe-state-store.js";
import { createEndpointProber } from "../adapters/probe/create-prober.js";
import { AppError, describeError } from "../app/errors.js";
import { systemClock } from "../app/ports/clock.js";
import type { StoredDesiredState } from "../app/ports/desired-state-store.js";
import type { LiveSnapshot } from "../app/ports/live-profile-source.js";
import { runAuditCycle, type AuditDeps } from "../app/run-audit.js";
import { validateDesiredState } from "../core/desired-schema.js";
import type { DesiredState } from "../core/desired-state.js";
import { atLeast } from "../core/finding.js";
import { formatProfileKey } from "../core/profile-key.js";
import { DEFAULT_CERTIFICATE_POLICY } from "../core/certificate-findings.js";
import { CHECK_USAGE, parseCheckArgs } from "./check-args.js";
import { formatReportText } from "./format-report-text.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

/** Probes in flight at once for `check`: one exported profile rarely has more than a few endpoints. */
const CHECK_PROBE_CONCURRENCY = 32;

/** `tm-sentinel check`: the same audit path as the app, on an exported profile file. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseCheckArgs(args);
  if (options.help) {
    io.out(CHECK_USAGE);
    return EXIT.OK;
  }
  const desired = options.desired === undefined ? undefined : await readDesired(options.desired);
  const live = new ProfileFileSource(options.profile);
  const snapshot = await readProfileFile(live, options.profile);

  const first = snapshot.profiles[0]!;
  const stored: StoredDesiredState[] = desired
    ? [
        {
          profile: formatProfileKey(first.key),
          document: desired,
          etag: "file",
          version: 1,
          updatedAt: systemClock.now().toISOString(),
          updatedBy: options.desired ?? "file",
        },
      ]
    : [];
  // One look without history: a failed probe shows as PROBE_FAILED; with tolerated failures it
  // stays Failing (still eligible), exactly as Traffic Manager would treat a first failure.
  const prober = options.probe ? createEndpointProber({ concurrency: CHECK_PROBE_CONCURRENCY }) : undefined;
  const deps: AuditDeps = {
    live,
    desired: {
      list: () => Promise.resolve(stored),
      get: (p) => Promise.resolve(stored.find((s) => s.profile === p.toLowerCase())),
    },
    probeState: new MemoryProbeStateStore(),
    clock: systemClock,
    ...(prober ? { prober, dns: createDnsResolver({}) } : {}),
  };
  try {
    const cycle = await runAuditCycle(deps, {
      probe: options.probe,
      basis: options.basis,
      certWarningDays: DEFAULT_CERTIFICATE_POLICY.warnDays,
      certCriticalDays: DEFAULT_CERTIFICATE_POLICY.criticalDays,
      profileConcurrency: 4,
      checkDns: options.probe,
    });
    const reports = cycle.reports;
    if (options.format === "json") {
      io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
    } else {
      io.out(reports.map(formatReportText).join("\n\n"));
    }
    const serious = reports.some((r) => r.findings.some((f) => atLeast(f.severity, "warning")));
    return serious ? EXIT.FINDINGS : EXIT.OK;
  } finally {
    await prober?.close?.();
  }
}

export async function readProfileFile(live: ProfileFileSource, path: string): Promise<LiveSnapshot> {
  let snapshot: LiveSnapshot;
  try {
    snapshot = await live.readWatched();
  } catch (e: unknown) {
    throw new UsageError(`--profile: ${e instanceof AppError ? e.message : describeError(e)}`);
  }
  if (snapshot.failures.length > 0) {
    throw new UsageError(`--profile: ${snapshot.failures.map((f) => f.message).join("\n")}`);
  }
  if (snapshot.profiles.length === 0) throw new UsageError(`--profile: no profile found in ${path}`);
  return snapshot;
}

export async function readDesired(path: string): Promise<DesiredState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e: unknown) {
    throw new UsageError(`--desired: cannot read ${path}: ${describeError(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e: unknown) {
    throw new UsageError(`--desired: ${path} is not valid JSON (${describeError(e)})`);
  }
  const result = validateDesiredState(json);
  if (result.ok) return result.value;
  const lines = result.issues.map((i) => `  ${i.path}: ${i.message}`);
  throw new UsageError(`--desired: ${path} is not a valid desired state:\n${lines.join("\n")}`);
}
