import type { EndpointType } from "../../core/profile.js";
import type { Drill } from "../../core/drill/drill.js";
import type { Clock } from "../ports/clock.js";
import type { DnsResolver } from "../ports/dns-resolver.js";
import type { DrillQueue } from "../ports/drill-queue.js";
import type { DrillStore } from "../ports/drill-store.js";
import type { EndpointProber } from "../ports/endpoint-prober.js";
import type { LiveProfileSource } from "../ports/live-profile-source.js";
import type { ReportStore } from "../ports/report-store.js";

/** The part of the Traffic Manager writer a drill uses (one endpoint PATCH). */
export interface DrillWriter {
  /**
   * @throws AppError CONFLICT (409) or UPSTREAM (429 beyond retries, 5xx, network): retried within
   *   the deadline; any other code: the drill gives up and restores.
   */
  updateEndpoint(
    profileKey: string,
    endpoint: { type: EndpointType; name: string },
    patch: { endpointStatus?: "Enabled" | "Disabled" },
  ): Promise<void>;
}

/** The part of the silence store a drill uses: one silence for its window, expired at the end. */
export interface DrillSilences {
  create(silence: {
    matchers: { profile: string };
    endsAt: string;
    createdBy: string;
    comment: string;
  }): Promise<{ id: string }>;
  expire(id: string, at: Date, ifMatch?: string, by?: string): Promise<unknown>;
}

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
  /** Called after every step that was saved (the CLI prints it). */
  onStep?: (drill: Drill) => void;
  /** Drill ids; random UUIDs unless a test fixes them. */
  newId?: () => string;
}
