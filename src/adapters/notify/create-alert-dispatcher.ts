import { AlertPipeline } from "../../app/alert-pipeline.js";
import type { AlertDispatcher } from "../../app/ports/alert-dispatcher.js";
import type { AlertLogger } from "../../app/ports/alert-logger.js";
import type { AlertOutbox } from "../../app/ports/alert-outbox.js";
import type { AlertStateStore } from "../../app/ports/alert-state-store.js";
import type { Clock } from "../../app/ports/clock.js";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "../../core/alerts/retry-delay.js";
import type { AppConfig } from "../../config/load-config.js";
import { MemoryAlertOutbox } from "../memory/memory-alert-outbox.js";
import { MemoryAlertStateStore } from "../memory/memory-alert-state-store.js";
import type { TableClientFactory } from "../store/table-client-factory.js";
import { TableAlertOutbox } from "../store/table-alert-outbox.js";
import { TableAlertStateStore } from "../store/table-alert-state-store.js";
import { createJsonLogger } from "./console/console-logger.js";
import { createAlertSenders, type SenderDeps } from "./create-alert-senders.js";

export interface AlertDispatcherDeps extends SenderDeps {
  clock: Clock;
  /** Table storage (from createStores); alert state and outbox stay in memory without it. */
  tables?: TableClientFactory;
  /** Pipeline log lines; JSON lines through `write` by default. */
  logger?: AlertLogger;
  /** Stores to use instead (tests that inspect the outbox): the state store must record into `outbox`. */
  state?: AlertStateStore;
  outbox?: AlertOutbox;
  backoff?: BackoffPolicy;
}

/** Wires the alert use case to its stores and every configured channel. */
export function createAlertDispatcher(config: AppConfig, deps: AlertDispatcherDeps): AlertDispatcher {
  const table = config.store.tables.state;
  const logger = deps.logger ?? createJsonLogger(deps.write, () => deps.clock.now());
  // Both in the same table (or the same memory): a state save records its messages atomically.
  const memoryOutbox = deps.tables ? undefined : new MemoryAlertOutbox();
  return new AlertPipeline({
    state:
      deps.state ??
      (deps.tables ? new TableAlertStateStore(deps.tables, table) : new MemoryAlertStateStore(memoryOutbox!)),
    outbox: deps.outbox ?? (deps.tables ? new TableAlertOutbox(deps.tables, table) : memoryOutbox!),
    channels: createAlertSenders(config, deps),
    clock: deps.clock,
    logger,
    policy: config.alerts.policy,
    backoff: deps.backoff ?? DEFAULT_BACKOFF,
    maxAgeMs: config.alerts.retryMaxAgeMs,
  });
}
