import { MemoryDrillStore } from "../../../src/adapters/memory/memory-drill-store.js";
import { SilenceBook } from "../../../src/app/silences/silence-book.js";
import { MemorySilenceRecords } from "../../../src/adapters/memory/memory-silence-records.js";
import { inject } from "vitest";
import { MemoryDesiredStateStore } from "../../../src/adapters/memory/memory-desired-state-store.js";
import { MemoryProbeStateStore } from "../../../src/adapters/memory/memory-probe-state-store.js";
import { MemoryReportStore } from "../../../src/adapters/memory/memory-report-store.js";
import { createAuditQueue } from "../../../src/adapters/queue/create-audit-queue.js";
import type { AlertDispatcher } from "../../../src/app/ports/alert-dispatcher.js";
import type { Clock } from "../../../src/app/ports/clock.js";
import type {
  LiveProfileSource,
  LiveSnapshot,
  ReadFailure,
} from "../../../src/app/ports/live-profile-source.js";
import type { Runtime } from "../../../src/composition-root.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { formatProfileKey } from "../../../src/core/profile-key.js";
import type { LiveProfile, ProfileKey } from "../../../src/core/profile.js";
import type { Report } from "../../../src/core/report.js";
import { aProfile } from "./audit-builders.js";

let queues = 0;
/** A queue name no other test file uses (Azurite is shared by the whole run). */
export function uniqueQueueName(prefix = "fanout"): string {
  return `${prefix}-${String(process.pid)}-${String(Date.now() % 1_000_000)}-${String(queues++)}`;
}

/** A clock that moves 1 ms forward on every read, so "after the cycle started" is well defined. */
export function tickingClock(startIso = "2026-11-25T10:00:00.000Z"): Clock & { advance(ms: number): void } {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t++),
    advance: (ms) => {
      t += ms;
    },
  };
}

/** `count` Priority profiles spread over `subscriptions` subscriptions, named p0000… */
export function anEstate(count: number, subscriptions = 5): LiveProfile[] {
  return Array.from({ length: count }, (_, i) => {
    const sub = `sub${String(i % subscriptions)}`;
    const name = `p${String(i).padStart(4, "0")}`;
    return aProfile({
      name,
      id: `/subscriptions/${sub}/resourceGroups/rg1/providers/Microsoft.Network/trafficManagerProfiles/${name}`,
      key: { subscriptionId: sub, resourceGroup: "rg1", profileName: name },
    });
  });
}

/** A live source over fixed profiles that counts reads, so tests can prove "exactly once". */
export class CountingLiveSource implements LiveProfileSource {
  watchedReads = 0;
  readonly profileReads = new Map<string, number>();
  failures: ReadFailure[] = [];
  /** When set, readWatched rejects with it (a source that cannot work at all). */
  readWatchedError: Error | undefined;

  constructor(private readonly profiles: LiveProfile[]) {}

  readWatched(): Promise<LiveSnapshot> {
    this.watchedReads++;
    if (this.readWatchedError) return Promise.reject(this.readWatchedError);
    return Promise.resolve({ profiles: this.profiles, related: new Map(), failures: this.failures });
  }

  readProfiles(keys: ProfileKey[]): Promise<LiveSnapshot> {
    const wanted = new Set(keys.map(formatProfileKey));
    for (const k of wanted) this.profileReads.set(k, (this.profileReads.get(k) ?? 0) + 1);
    const found = this.profiles.filter((p) => wanted.has(formatProfileKey(p.key)));
    return Promise.resolve({ profiles: found, related: new Map(), failures: [] });
  }
}

/** Report store that counts saves per profile and can be told to fail for some profiles. */
export class CountingReportStore extends MemoryReportStore {
  readonly saves = new Map<string, number>();
  readonly failFor = new Set<string>();

  override async save(report: Report): Promise<void> {
    if (this.failFor.has(report.profile)) throw new Error(`storage refused ${report.profile}`);
    this.saves.set(report.profile, (this.saves.get(report.profile) ?? 0) + 1);
    await super.save(report);
  }
}

export class RecordingAlerts implements AlertDispatcher {
  readonly dispatched: Report[][] = [];
  deliveryFindings(): Promise<[]> {
    return Promise.resolve([]);
  }
  dispatch(reports: readonly Report[]): Promise<void> {
    this.dispatched.push([...reports]);
    return Promise.resolve();
  }
}

export interface FanoutRuntime extends Runtime {
  live: CountingLiveSource;
  reports: CountingReportStore;
  alerts: RecordingAlerts;
  clock: Clock & { advance(ms: number): void };
}

/** A Runtime with the real audit queue on Azurite (unique queue), probing off, the rest in memory. */
export function buildFanoutRuntime(profiles: LiveProfile[], env: Record<string, string> = {}): FanoutRuntime {
  const config = loadConfig({
    PROBE_ENABLED: "false",
    AUDIT_QUEUE: uniqueQueueName(),
    AzureWebJobsStorage: inject("azuriteConnectionString"),
    ...env,
  });
  const clock = tickingClock();
  const notUsed = new Proxy({} as never, {
    get: (_t, prop) => {
      if (prop === "then") return undefined;
      throw new Error(`fan-out runtime: .${String(prop)} not expected`);
    },
  });
  return {
    config,
    clock,
    live: new CountingLiveSource(profiles),
    silences: new SilenceBook(new MemorySilenceRecords(), clock),
    desired: new MemoryDesiredStateStore(clock),
    reports: new CountingReportStore(),
    probeState: new MemoryProbeStateStore(),
    prober: notUsed,
    // No resolveAnswer: DNS truth is skipped (it is tested in test/app/dns-truth-audit.test.ts).
    dns: { resolveCnameChain: () => Promise.reject(new Error("fan-out runtime: DNS not expected")) },
    alerts: new RecordingAlerts(),
    writer: notUsed,
    auditQueue: createAuditQueue(config.host)!,
    drills: new MemoryDrillStore(),
    drillQueue: notUsed,
    close: () => Promise.resolve(),
  };
}
