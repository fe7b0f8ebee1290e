import { AppError } from "../../app/errors.js";
import type { Clock } from "../../app/ports/clock.js";
import type {
  ApplyRecord,
  DesiredStateChange,
  DesiredStateStore,
  StoredDesiredState,
} from "../../app/ports/desired-state-store.js";
import type { DesiredState } from "../../core/desired-state.js";

/** Desired state in process memory, with the same ETag rules as the table store; lost on restart. */
export class MemoryDesiredStateStore implements DesiredStateStore {
  private readonly current = new Map<string, StoredDesiredState>();
  private readonly changes = new Map<string, DesiredStateChange[]>();
  private nextTag = 1;
  private readonly applied = new Map<string, ApplyRecord[]>();

  constructor(private readonly clock: Clock) {}

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
      version: (current?.version ?? 0) + 1,
      updatedAt: this.clock.now().toISOString(),
      updatedBy,
    };
    this.current.set(key, stored);
    const list = this.changes.get(key) ?? [];
    list.push({
      profile: key,
      version: stored.version,
      at: stored.updatedAt,
      by: updatedBy,
      ...(current ? { before: current.document } : {}),
      after: stored.document,
    });
    this.changes.set(key, list);
    return structuredClone(stored);
  }
}
