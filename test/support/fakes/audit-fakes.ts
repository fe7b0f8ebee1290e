import type { AlertDispatcher } from "../../../src/app/ports/alert-dispatcher.js";
import type { Clock } from "../../../src/app/ports/clock.js";
import type { DesiredStateStore, StoredDesiredState } from "../../../src/app/ports/desired-state-store.js";
import type { DnsResolver } from "../../../src/app/ports/dns-resolver.js";
import type { EndpointProber } from "../../../src/app/ports/endpoint-prober.js";
import type {
  LiveProfileSource,
  LiveSnapshot,
  ReadFailure,
} from "../../../src/app/ports/live-profile-source.js";
import type { ReportStore } from "../../../src/app/ports/report-store.js";
import type { DesiredState } from "../../../src/core/desired-state.js";
import type { Finding } from "../../../src/core/finding.js";
import type { ProbeResult } from "../../../src/core/probe-result.js";
import type { ProbeTarget } from "../../../src/core/probe-target.js";
import type { LiveProfile, ProfileKey } from "../../../src/core/profile.js";
import { formatProfileKey } from "../../../src/core/profile-key.js";
import type { Report } from "../../../src/core/report.js";

/** In-memory stand-ins of the audit's ports; each records what it was asked. */

export function fixedClock(iso = "2026-03-01T10:00:00.000Z"): Clock {
  return { now: () => new Date(iso) };
}

export class FakeLiveSource implements LiveProfileSource {
  readonly calls: string[] = [];
  constructor(
    private readonly profiles: LiveProfile[],
    private readonly failures: ReadFailure[] = [],
    private readonly error?: Error,
  ) {}

  private snapshot(profiles: LiveProfile[]): Promise<LiveSnapshot> {
    if (this.error) return Promise.reject(this.error);
    const related = new Map(this.profiles.map((p) => [p.id.toLowerCase(), p]));
    return Promise.resolve({ profiles, related, failures: [...this.failures] });
  }

  readWatched(): Promise<LiveSnapshot> {
    this.calls.push("readWatched");
    return this.snapshot(this.profiles);
  }

  readProfiles(keys: ProfileKey[]): Promise<LiveSnapshot> {
    this.calls.push(`readProfiles:${keys.map(formatProfileKey).join(",")}`);
    const wanted = new Set(keys.map(formatProfileKey));
    return this.snapshot(this.profiles.filter((p) => wanted.has(formatProfileKey(p.key))));
  }
}

export class FakeDesiredStore implements Pick<DesiredStateStore, "list" | "get"> {
  listCalls = 0;
  constructor(
    private readonly documents: Record<string, DesiredState> = {},
    private readonly error?: Error,
  ) {}

  private stored(profile: string, document: DesiredState): StoredDesiredState {
    return {
      profile,
      document,
      etag: "1",
      version: 1,
      updatedAt: "2026-01-01T00:00:00.000Z",
      updatedBy: "test",
    };
  }

  list(): Promise<StoredDesiredState[]> {
    this.listCalls++;
    if (this.error) return Promise.reject(this.error);
    return Promise.resolve(Object.entries(this.documents).map(([p, d]) => this.stored(p, d)));
  }

  get(profile: string): Promise<StoredDesiredState | undefined> {
    if (this.error) return Promise.reject(this.error);
    const document = this.documents[profile.toLowerCase()];
    return Promise.resolve(document ? this.stored(profile, document) : undefined);
  }
}

/** Answers each target by endpoint name: healthy unless listed in `failing`; records every batch. */
export class ScriptedProber implements EndpointProber {
  readonly batches: ProbeTarget[][] = [];
  constructor(
    readonly failing = new Set<string>(),
    private readonly throwFor?: string,
  ) {}

  probeAll(targets: readonly ProbeTarget[]): Promise<ProbeResult[]> {
    this.batches.push([...targets]);
    if (this.throwFor && targets.some((t) => t.endpoint === this.throwFor)) {
      return Promise.reject(new Error(`prober crashed on ${this.throwFor}`));
    }
    return Promise.resolve(
      targets.map((t): ProbeResult => {
        const healthy = !this.failing.has(t.endpoint);
        return {
          endpoint: t.endpoint,
          protocol: t.protocol,
          url: `${t.protocol.toLowerCase()}://${t.host}:${t.port}${t.path}`,
          kind: healthy ? "up" : "http-status",
          healthy,
          status: healthy ? 200 : 503,
          latencyMs: 5,
          at: "2026-03-01T10:00:00.000Z",
        };
      }),
    );
  }
}

export class FakeDns implements DnsResolver {
  constructor(private readonly answers: Record<string, string[] | Error>) {}

  resolveCnameChain(name: string): Promise<string[]> {
    const answer = this.answers[name] ?? [name];
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

export class FakeReportStore implements ReportStore {
  readonly saved: Report[] = [];
  constructor(private readonly failFor?: string) {}

  save(report: Report): Promise<void> {
    if (report.profile === this.failFor) return Promise.reject(new Error("table unavailable"));
    this.saved.push(report);
    return Promise.resolve();
  }

  latest(profile: string): Promise<Report | undefined> {
    return Promise.resolve(this.saved.findLast((r) => r.profile === profile));
  }

  listLatest(): Promise<Report[]> {
    return Promise.resolve([...this.saved]);
  }

  remove(profile: string): Promise<void> {
    const kept = this.saved.filter((r) => r.profile.toLowerCase() !== profile.toLowerCase());
    this.saved.splice(0, this.saved.length, ...kept);
    return Promise.resolve();
  }
}

export class FakeAlerts implements AlertDispatcher {
  readonly dispatched: Report[][] = [];
  constructor(private readonly delivery: Record<string, Finding[]> = {}) {}

  deliveryFindings(profile: string): Promise<Finding[]> {
    return Promise.resolve(this.delivery[profile] ?? []);
  }

  dispatch(reports: readonly Report[]): Promise<void> {
    this.dispatched.push([...reports]);
    return Promise.resolve();
  }
}
