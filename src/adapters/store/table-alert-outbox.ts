import { odata } from "@azure/data-tables";
import type { AlertOutbox, OutboxEntry } from "../../app/ports/alert-outbox.js";
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

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

function toEntity(entry: OutboxEntry): Entity {
  return {
    partitionKey: escapeKey(entry.profile.toLowerCase()),
    rowKey: PREFIX + escapeKey(entry.id),
    status: entry.status,
    createdAt: entry.createdAt,
    channel: entry.channel,
    ...toChunks("entry", JSON.stringify(entry)),
  };
}

function fromEntity(entity: Record<string, unknown>): OutboxEntry | undefined {
  const json = fromChunks("entry", entity);
  return json === undefined ? undefined : (JSON.parse(json) as OutboxEntry);
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
        await client.createEntity(toEntity(entry));
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

  async update(entry: OutboxEntry): Promise<void> {
    const client = await this.tables.client(this.tableName);
    try {
      await client.upsertEntity(toEntity(entry), "Replace");
    } catch (e: unknown) {
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
        const entry = fromEntity(entity);
        if (entry) out.push(entry);
      }
    } catch (e: unknown) {
      throw upstream(operation, e);
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
