import type { TokenCredential } from "@azure/core-auth";
import { AppError } from "../../app/errors.js";
import { systemClock, type Clock } from "../../app/ports/clock.js";
import type { DesiredStateStore } from "../../app/ports/desired-state-store.js";
import type { ProbeStateStore } from "../../app/ports/probe-state-store.js";
import type { ReportStore } from "../../app/ports/report-store.js";
import type { StatusHistoryStore } from "../../app/ports/status-history-store.js";
import { MemoryStatusHistoryStore } from "../memory/memory-status-history-store.js";
import { TableStatusHistoryStore } from "./table-status-history-store.js";
import type { AppConfig } from "../../config/load-config.js";
import { validateDesiredState } from "../../core/desired-schema.js";
import type { DesiredState } from "../../core/desired-state.js";
import { MemoryDesiredStateStore } from "../memory/memory-desired-state-store.js";
import { MemoryProbeStateStore } from "../memory/memory-probe-state-store.js";
import { MemoryReportStore } from "../memory/memory-report-store.js";
import { FileDesiredStateStore } from "./file-desired-state-store.js";
import { createTableClientFactory, type TableClientFactory } from "./table-client-factory.js";
import { TableDesiredStateStore } from "./table-desired-state-store.js";
import { TableProbeStateStore } from "./table-probe-state-store.js";
import { TableReportStore } from "./table-report-store.js";

export interface Stores {
  desired: DesiredStateStore;
  reports: ReportStore;
  probeState: ProbeStateStore;
  /** The status page's compact history (day rows in the reports table, or memory). */
  statusHistory: StatusHistoryStore;
  /** Present when table storage is configured, for other table-backed stores (alerts). */
  tables?: TableClientFactory;
  /** One line saying where state lives, for start-up logs. */
  description: string;
}

export interface CreateStoresOptions {
  /** The process's shared Entra ID credential, for identity-based Table access. */
  credential?: TokenCredential;
  clock?: Clock;
  /** Parses a desired document read from DESIRED_STATE_DIR; throws AppError VALIDATION. */
  validateDesired?: (raw: unknown) => DesiredState;
  log?: (line: string) => void;
}

/**
 * Table storage when configured; else desired documents from DESIRED_STATE_DIR with reports and
 * probe counters in memory; else everything in memory (lost on restart: fine for `check` and tests).
 */
export function createStores(config: AppConfig, options: CreateStoresOptions = {}): Promise<Stores> {
  const clock = options.clock ?? systemClock;
  const { connection, tables, desiredStateDir, reportRetentionDays, desiredHistoryVersions } = config.store;
  let stores: Stores;
  if (connection.kind !== "none") {
    const factory = createTableClientFactory(connection, options.credential);
    stores = {
      desired: new TableDesiredStateStore(factory, tables.desired, clock, desiredHistoryVersions),
      reports: new TableReportStore(factory, tables.reports, reportRetentionDays, clock),
      probeState: new TableProbeStateStore(factory, tables.state),
      statusHistory: new TableStatusHistoryStore(factory, tables.reports),
      tables: factory,
      description: describeStores(config),
    };
  } else if (desiredStateDir !== undefined) {
    stores = {
      desired: new FileDesiredStateStore(desiredStateDir, options.validateDesired ?? validateDesiredFile),
      reports: new MemoryReportStore(),
      probeState: new MemoryProbeStateStore(),
      statusHistory: new MemoryStatusHistoryStore(),
      description: describeStores(config),
    };
  } else {
    stores = {
      desired: new MemoryDesiredStateStore(clock, desiredHistoryVersions),
      reports: new MemoryReportStore(),
      probeState: new MemoryProbeStateStore(),
      statusHistory: new MemoryStatusHistoryStore(),
      description: describeStores(config),
    };
  }
  options.log?.(`tm-sentinel store: ${stores.description}`);
  return Promise.resolve(stores);
}

/** Where state lives for this configuration, in one line (start-up logs, `serve`). */
export function describeStores(config: AppConfig): string {
  const { connection, tables, desiredStateDir } = config.store;
  if (connection.kind !== "none") {
    const where =
      connection.kind === "identity" ? `${connection.endpoint} (managed identity)` : "AzureWebJobsStorage";
    return `state in Table storage at ${where}: tables ${tables.desired}, ${tables.reports}, ${tables.state}`;
  }
  if (desiredStateDir !== undefined)
    return `desired state read-only from ${desiredStateDir}; reports and probe counters in memory (lost on restart)`;
  return "no storage configured: desired state, reports and probe counters in memory (lost on restart)";
}

function validateDesiredFile(raw: unknown): DesiredState {
  const result = validateDesiredState(raw);
  if (result.ok) return result.value;
  throw new AppError(
    "VALIDATION",
    result.issues.map((i) => `${i.path} ${i.message}`).join("; "),
    result.issues,
  );
}
