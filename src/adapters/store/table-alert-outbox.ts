import { odata } from "@azure/data-tables";
import type { AlertOutbox, OutboxEntry } from "../../app/ports/alert-outbox.js";
import { AlertStoreConflict } from "../../app/ports/alert-state-store.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey, fromChunks, toChunks } from "./table-keys.js";

/**
 * Outbox entries in the state table next to the profile's alert state: PartitionKey = profile,
 * RowKey `outbox~{id}`. `status` and `createdAt` are top-level properties so queries can filter.
 */
const PREFIX = "outbox~";
/** First string after every `outbox~…` key (`~` is 0x7E, so bump the last prefix character). */
const PREFIX_END = "outbox\u007f";

/** The row filter selecting a partition's pending entries (also used by the state store's batch read). */
export const PENDING_ROWS = odata`RowKey ge ${PREFIX} and RowKey lt ${PREFIX_END} and status eq ${"pending"}`;

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** The stored row of an entry (also written by the state store's transaction). */
export function toOutboxEntity(entry: OutboxEntry): Entity {
  const { etag: _etag, ...data } = entry;
  return {
    partitionKey: escapeKey(entry.profile.toLowerCase()),
    rowKey: PREFIX + escapeKey(entry.id),
    status: entry.status,
    createdAt: entry.createdAt,
    channel: entry.channel,
    ...toChunks("entry", JSON.stringify(data)),
  };
}

/** The entry a stored row holds, with the row's ETag (undefined for a row that is not an entry). */
export function outboxEntryFromEntity(
  entity: Record<string, unknown> & { etag?: string },
): OutboxEntry | undefined {
  const json = fromChunks("entry", entity);
  if (json === undefined) return undefined;
  const entry = JSON.parse(json) as OutboxEntry;
  return entity.etag !== undefined ? { ...entry, etag: entity.etag } : entry;
}

export class TableAlertOutbox implements AlertOutbox {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  async enqueue(entries: readonly OutboxEntry[]): Promise<void> {
    const client = await this.tables.client(this.tableName);
    for (const entry of entries) {
      try {
        await client.createEntity(toOutboxEntity(entry));
      } catch (e: unknown) {
        // 409: already recorded by an earlier run of the same cycle (idempotency key).
        if (tableStatus(e) !== 409) throw upstream("write of alert outbox", e);
      }
    }
  }

  async pending(profile: string): Promise<OutboxEntry[]> {
    const filter = odata`PartitionKey eq ${escapeKey(profile.toLowerCase())} and RowKey ge ${PREFIX} and RowKey lt ${PREFIX_END} and status eq ${"pending"}`;
    return this.query(filter, "read of alert outbox");
  }

  async update(entry: OutboxEntry): Promise<OutboxEntry> {
    const client = await this.tables.client(this.tableName);
    const { etag: _old, ...data } = entry;
    try {
      const result =
        entry.etag !== undefined
          ? await client.updateEntity(toOutboxEntity(entry), "Replace", { etag: entry.etag })
          : await client.upsertEntity(toOutboxEntity(entry), "Replace");
      return result.etag !== undefined ? { ...data, etag: result.etag } : data;
    } catch (e: unknown) {
      // 412: another dispatcher updated it since it was read; 404: pruned meanwhile.
      const status = tableStatus(e);
      if (entry.etag !== undefined && (status === 412 || status === 404))
        throw new AlertStoreConflict(`outbox entry ${entry.id} changed meanwhile`);
      throw upstream("update of alert outbox", e);
    }
  }

  async prune(profile: string, before: Date): Promise<void> {
    const filter = odata`PartitionKey eq ${escapeKey(profile.toLowerCase())} and RowKey ge ${PREFIX} and RowKey lt ${PREFIX_END} and status ne ${"pending"} and createdAt lt ${before.toISOString()}`;
    const old = await this.query(filter, "read of alert outbox");
    const client = await this.tables.client(this.tableName);
    try {
      for (const e of old) await client.deleteEntity(escapeKey(e.profile), PREFIX + escapeKey(e.id));
    } catch (e: unknown) {
      if (tableStatus(e) !== 404) throw upstream("prune of alert outbox", e);
    }
  }

  private async query(filter: string, operation: string): Promise<OutboxEntry[]> {
    const client = await this.tables.client(this.tableName);
    const out: OutboxEntry[] = [];
    try {
      for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const entry = outboxEntryFromEntity(entity);
        if (entry) out.push(entry);
      }
    } catch (e: unknown) {
      throw upstream(operation, e);
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
