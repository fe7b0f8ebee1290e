import {
  SilenceRecordConflict,
  type SilenceRecord,
  type SilenceRecords,
} from "../../app/ports/silence-store.js";
import type { Silence } from "../../core/silences/silence.js";

/** Silences in process memory with the same ETag rules as the table; lost on restart. */
export class MemorySilenceRecords implements SilenceRecords {
  private readonly rows = new Map<string, SilenceRecord>();
  private nextTag = 1;

  insert(silence: Silence): Promise<SilenceRecord> {
    if (this.rows.has(silence.id))
      return Promise.reject(new SilenceRecordConflict(`silence ${silence.id} exists`));
    return Promise.resolve(this.put(silence));
  }

  read(id: string): Promise<SilenceRecord | undefined> {
    return Promise.resolve(structuredClone(this.rows.get(id)));
  }

  replace(silence: Silence, etag: string): Promise<SilenceRecord> {
    if (this.rows.get(silence.id)?.etag !== etag)
      return Promise.reject(new SilenceRecordConflict(`silence ${silence.id} changed meanwhile`));
    return Promise.resolve(this.put(silence));
  }

  endingAfter(endsAfter: Date): Promise<SilenceRecord[]> {
    const rows = [...this.rows.values()].filter((r) => Date.parse(r.silence.endsAt) > endsAfter.getTime());
    return Promise.resolve(rows.map((r) => structuredClone(r)));
  }

  private put(silence: Silence): SilenceRecord {
    const record = { silence: structuredClone(silence), etag: `W/"mem-${String(this.nextTag++)}"` };
    this.rows.set(silence.id, record);
    return structuredClone(record);
  }
}
