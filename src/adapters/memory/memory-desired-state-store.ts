import { AppError } from "../../app/errors.js";
import type { Clock } from "../../app/ports/clock.js";
import {
  DEFAULT_DESIRED_HISTORY_VERSIONS,
  type ApplyRecord,
  type DesiredStateChange,
  type DesiredStateStore,
  type StoredDesiredState,
} from "../../app/ports/desired-state-store.js";
import type { DesiredState } from "../../core/desired-state.js";

/** Desired state in process memory, with the same ETag rules as the table store; lost on restart. */
export class MemoryDesiredStateStore implements DesiredStateStore {
  private readonly current = new Map<string, StoredDesiredState>();
  private readonly changes = new Map<string, DesiredStateChange[]>();
  private nextTag = 1;
  private readonly applied = new Map<string, ApplyRecord[]>();

  /** Last version per profile, kept after a delete so a later create continues the numbering. */
  private readonly lastVersion = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly historyVersions = DEFAULT_DESIRED_HISTORY_VERSIONS,
  ) {}

  get(profile: string): Promise<StoredDesiredState | undefined> {
    return Promise.resolve(structuredClone(this.current.get(profile.toLowerCase())));
  }

  list(): Promise<StoredDesiredState[]> {
    return Promise.resolve([...this.current.values()].map((s) => structuredClone(s)));
  }

  create(profile: string, document: DesiredState, updatedBy: string): Promise<StoredDesiredState> {
    const key = profile.toLowerCase();
    if (this.current.has(key))
      return Promise.reject(
        new AppError("PRECONDITION_FAILED", `A desired state for ${key} already exists.`),
      );
    return Promise.resolve(this.commit(key, document, updatedBy, undefined));
  }

  replace(
    profile: string,
    document: DesiredState,
    etag: string,
    updatedBy: string,
  ): Promise<StoredDesiredState> {
    const key = profile.toLowerCase();
    const current = this.current.get(key);
    if (!current) return Promise.reject(new AppError("NOT_FOUND", `No desired state for ${key} to replace.`));
    if (etag !== "*" && etag !== current.etag)
      return Promise.reject(
        new AppError("PRECONDITION_FAILED", `The desired state of ${key} has changed (stale ETag).`),
      );
    return Promise.resolve(this.commit(key, document, updatedBy, current));
  }

  delete(profile: string, etag: string, deletedBy: string): Promise<void> {
    const key = profile.toLowerCase();
    const current = this.current.get(key);
    if (!current) return Promise.reject(new AppError("NOT_FOUND", `No desired state is stored for ${key}.`));
    if (etag !== "*" && etag !== current.etag)
      return Promise.reject(
        new AppError("PRECONDITION_FAILED", `The desired state of ${key} has changed (stale ETag).`),
      );
    this.current.delete(key);
    const version = current.version + 1;
    this.lastVersion.set(key, version);
    this.append(key, {
      profile: key,
      version,
      at: this.clock.now().toISOString(),
      by: deletedBy,
      before: current.document,
      deleted: true,
    });
    return Promise.resolve();
  }

  history(profile: string): Promise<DesiredStateChange[]> {
    return Promise.resolve(structuredClone(this.changes.get(profile.toLowerCase()) ?? []).reverse());
  }

  recordApply(profile: string, record: ApplyRecord): Promise<void> {
    const key = profile.toLowerCase();
    this.applied.set(key, [...(this.applied.get(key) ?? []), structuredClone(record)]);
    return Promise.resolve();
  }

  applies(profile: string): Promise<ApplyRecord[]> {
    return Promise.resolve(structuredClone(this.applied.get(profile.toLowerCase()) ?? []).reverse());
  }

  private commit(
    key: string,
    document: DesiredState,
    updatedBy: string,
    current: StoredDesiredState | undefined,
  ): StoredDesiredState {
    const stored: StoredDesiredState = {
      profile: key,
      document: structuredClone(document),
      etag: `"mem-${this.nextTag++}"`,
      version: (current?.version ?? this.lastVersion.get(key) ?? 0) + 1,
      updatedAt: this.clock.now().toISOString(),
      updatedBy,
    };
    this.current.set(key, stored);
    this.lastVersion.set(key, stored.version);
    this.append(key, {
      profile: key,
      version: stored.version,
      at: stored.updatedAt,
      by: updatedBy,
      ...(current ? { before: current.document } : {}),
      after: stored.document,
    });
    return structuredClone(stored);
  }

  /** Appends a change and prunes the oldest beyond the retention. */
  private append(key: string, change: DesiredStateChange): void {
    const list = [...(this.changes.get(key) ?? []), structuredClone(change)];
    this.changes.set(key, list.slice(Math.max(0, list.length - this.historyVersions)));
  }
}
