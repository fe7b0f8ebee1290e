import type { Drill } from "../../core/drill/drill.js";
import type { Clock } from "../ports/clock.js";
import type { DnsResolver } from "../ports/dns-resolver.js";
import type { DrillQueue } from "../ports/drill-queue.js";
import type { DrillStore } from "../ports/drill-store.js";
import type { EndpointProber } from "../ports/endpoint-prober.js";
import type { LiveProfileSource } from "../ports/live-profile-source.js";
import type { ReportStore } from "../ports/report-store.js";
import type { SilenceStore } from "../ports/silence-store.js";
import type { TrafficManagerWriter } from "../ports/traffic-manager-writer.js";

/** The part of the Traffic Manager writer a drill uses: one endpoint PATCH (CONFLICT/UPSTREAM are retried). */
export type DrillWriter = Pick<TrafficManagerWriter, "updateEndpoint">;

/** The part of the silence store a drill uses: one silence for its window, expired at the end. */
export type DrillSilences = Pick<SilenceStore, "create" | "expire">;

export interface DrillSettings {
  /** DRILL_DEADLINE_SECONDS; undefined: max(300, 3 × TTL) of the profile. */
  deadlineSeconds?: number;
  /** Seconds between two looks at ARM and DNS (and between PATCH retries). */
  pollSeconds: number;
  /** A drill whose next message is this many seconds late is stalled; the timer closes it. */
  stallSeconds: number;
}

export interface DrillDeps {
  clock: Clock;
  live: LiveProfileSource;
  dns: DnsResolver;
  prober?: EndpointProber;
  reports?: Pick<ReportStore, "latest">;
  drills: DrillStore;
  queue: DrillQueue;
  writer: DrillWriter;
  silences?: DrillSilences;
  settings: DrillSettings;
  /** Called once a drill finished (e.g. to audit the profile so its result reaches the alert channels). */
  afterFinish?: (drill: Drill) => Promise<void>;
  /**
   * Sends a finished drill's result to the alert channels (through the outbox, idempotent per
   * drill). Called when the drill finishes and again when a message for a finished drill arrives
   * (a redelivery after a crash between the save and the send); each drill is announced once.
   */
  announce?: (drill: Drill) => Promise<void>;
  /** The profile's open incidents by the alert state (preflight `no-critical-incident`); throws when unreadable. */
  openIncidents?: (profile: string) => Promise<readonly { code: string; severity: string }[]>;
  /** Called after every step that was saved (the CLI prints it). */
  onStep?: (drill: Drill) => void;
  /** Drill ids; random UUIDs unless a test fixes them. */
  newId?: () => string;
}

/** The Runtime parts drills use (structurally: the app does not import the composition root). */
export interface DrillRuntimeParts {
  clock: Clock;
  live: LiveProfileSource;
  dns: DnsResolver;
  prober: EndpointProber;
  reports: Pick<ReportStore, "latest">;
  drills: DrillStore;
  drillQueue: DrillQueue;
  writer: DrillWriter;
  silences: DrillSilences;
}

export function drillDepsOf(
  rt: DrillRuntimeParts,
  settings: DrillSettings & { probe: boolean },
  hooks: Pick<DrillDeps, "afterFinish" | "onStep" | "newId" | "announce" | "openIncidents"> = {},
): DrillDeps {
  return {
    clock: rt.clock,
    live: rt.live,
    dns: rt.dns,
    ...(settings.probe ? { prober: rt.prober } : {}),
    reports: rt.reports,
    drills: rt.drills,
    queue: rt.drillQueue,
    writer: rt.writer,
    silences: rt.silences,
    settings,
    ...hooks,
  };
}
