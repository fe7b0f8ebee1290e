import type { AlertOutbox, OutboxEntry } from "../../app/ports/alert-outbox.js";
import { AlertStoreConflict } from "../../app/ports/alert-state-store.js";

/** Outbox in process memory: same semantics as the Table one (etags included), lost on restart. */
export class MemoryAlertOutbox implements AlertOutbox {
  private readonly byProfile = new Map<string, Map<string, OutboxEntry>>();
  private nextEtag = 1;

  private entriesOf(profile: string): Map<string, OutboxEntry> {
    const key = profile.toLowerCase();
    let entries = this.byProfile.get(key);
    if (!entries) {
      entries = new Map();
      this.byProfile.set(key, entries);
    }
    return entries;
  }

  private stamp(e: OutboxEntry): OutboxEntry {
    const stored = { ...structuredClone(e), etag: String(this.nextEtag++) };
    this.entriesOf(e.profile).set(e.id, stored);
    return structuredClone(stored);
  }

  enqueue(entries: readonly OutboxEntry[]): Promise<void> {
    for (const e of entries) if (!this.entriesOf(e.profile).has(e.id)) this.stamp(e);
    return Promise.resolve();
  }

  /** Whether every entry could be enqueued without replacing one (for an atomic state save). */
  canEnqueue(entries: readonly OutboxEntry[]): boolean {
    return entries.every((e) => !this.entriesOf(e.profile).has(e.id));
  }

  pending(profile: string): Promise<OutboxEntry[]> {
    const all = [...this.entriesOf(profile).values()].filter((e) => e.status === "pending");
    all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return Promise.resolve(structuredClone(all));
  }

  update(entry: OutboxEntry): Promise<OutboxEntry> {
    const current = this.entriesOf(entry.profile).get(entry.id);
    if (entry.etag !== undefined && current?.etag !== entry.etag)
      return Promise.reject(new AlertStoreConflict(`outbox entry ${entry.id} changed meanwhile`));
    return Promise.resolve(this.stamp(entry));
  }

  prune(profile: string, before: Date): Promise<void> {
    const stored = this.entriesOf(profile);
    for (const [id, e] of stored)
      if (e.status !== "pending" && Date.parse(e.createdAt) < before.getTime()) stored.delete(id);
    return Promise.resolve();
  }

  /** Every entry of a profile in id order (for tests and diagnostics). */
  all(profile: string): OutboxEntry[] {
    return structuredClone([...this.entriesOf(profile).values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  }
}
