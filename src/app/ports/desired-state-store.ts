import type { DesiredState } from "../../core/desired-state.js";
import type { ApplyRecord } from "../../core/reconcile/plan.js";

export type { ApplyRecord };

export interface StoredDesiredState {
  /** Profile key, lower case. */
  profile: string;
  document: DesiredState;
  /** Opaque concurrency token; HTTP hands it out as the ETag. */
  etag: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface DesiredStateChange {
  profile: string;
  version: number;
  at: string;
  by: string;
  /** Undefined for the first version and for the first after a delete. */
  before?: DesiredState;
  /** Undefined when this change deleted the document (`deleted: true`). */
  after?: DesiredState;
  /** This change stopped holding a desired state; `before` is what was removed. */
  deleted?: true;
}

/** How many history versions a store keeps per profile (DESIRED_HISTORY_VERSIONS). */
export const DEFAULT_DESIRED_HISTORY_VERSIONS = 100;

/**
 * Desired state per profile. Writes are all-or-nothing: a rejected write changes nothing.
 */
export interface DesiredStateStore {
  get(profile: string): Promise<StoredDesiredState | undefined>;
  /** Every stored document (one query per audit cycle). */
  list(): Promise<StoredDesiredState[]>;
  /** @throws AppError PRECONDITION_FAILED when a document already exists. */
  create(profile: string, document: DesiredState, updatedBy: string): Promise<StoredDesiredState>;
  /** @throws AppError PRECONDITION_FAILED when `etag` is stale; NOT_FOUND when there is nothing to replace. */
  replace(
    profile: string,
    document: DesiredState,
    etag: string,
    updatedBy: string,
  ): Promise<StoredDesiredState>;
  /**
   * Stops holding a desired state: the document goes, a `deleted` history row records it, the
   * history stays and a later create continues the version numbers.
   * @throws AppError NOT_FOUND when there is nothing to delete; PRECONDITION_FAILED when `etag` is stale.
   */
  delete(profile: string, etag: string, deletedBy: string): Promise<void>;
  /** Accepted changes, newest first; at most the configured number of versions (older are pruned on write). */
  history(profile: string): Promise<DesiredStateChange[]>;
  /** Keeps an applied plan next to the document's history (one row per apply). */
  recordApply(profile: string, record: ApplyRecord): Promise<void>;
  /** Applied plans, newest first. */
  applies(profile: string): Promise<ApplyRecord[]>;
}
