import type { AlertOutbox, OutboxEntry } from "../../app/ports/alert-outbox.js";

/** Outbox in process memory: same semantics as the Table one, lost on restart. */
export class MemoryAlertOutbox implements AlertOutbox {
  private readonly byProfile = new Map<string, Map<string, OutboxEntry>>();

  private entriesOf(profile: string): Map<string, OutboxEntry> {
    const key = profile.toLowerCase();
    let entries = this.byProfile.get(key);
    if (!entries) {
      entries = new Map();
      this.byProfile.set(key, entries);
    }
    return entries;
  }

  enqueue(entries: readonly OutboxEntry[]): Promise<void> {
    for (const e of entries) {
      const stored = this.entriesOf(e.profile);
      if (!stored.has(e.id)) stored.set(e.id, structuredClone(e));
    }
    return Promise.resolve();
  }

  pending(profile: string): Promise<OutboxEntry[]> {
    const all = [...this.entriesOf(profile).values()].filter((e) => e.status === "pending");
    all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return Promise.resolve(structuredClone(all));
  }

  update(entry: OutboxEntry): Promise<void> {
    this.entriesOf(entry.profile).set(entry.id, structuredClone(entry));
    return Promise.resolve();
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
