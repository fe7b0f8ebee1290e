import { odata, type TableClient, type TableEntityResult } from "@azure/data-tables";
import {
  SilenceRecordConflict,
  type SilenceRecord,
  type SilenceRecords,
} from "../../app/ports/silence-store.js";
import type { Silence } from "../../core/silences/silence.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey } from "./table-keys.js";

/**
 * Silences in the state table, one partition: PartitionKey `silences` (an escaped profile key
 * always contains `!2F`, so it cannot collide), RowKey = escaped id. `endsAt` is a plain property
 * (ISO, always `toISOString()` form, so string order is time order) for the active query; the
 * whole silence is JSON in `doc`. Changes are Replace on the row's ETag.
 */
const PARTITION = "silences";

type Entity = TableEntityResult<Record<string, unknown>>;

export class TableSilenceRecords implements SilenceRecords {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  async insert(silence: Silence): Promise<SilenceRecord> {
    const client = await this.client();
    try {
      const result = await client.createEntity(toEntity(silence));
      return { silence, etag: result.etag ?? (await this.mustRead(silence.id)).etag };
    } catch (e: unknown) {
      if (tableStatus(e) === 409) throw new SilenceRecordConflict(`silence ${silence.id} exists`);
      throw upstream("write of a silence", e);
    }
  }

  async read(id: string): Promise<SilenceRecord | undefined> {
    const client = await this.client();
    try {
      return toRecord(await client.getEntity<Record<string, unknown>>(PARTITION, escapeKey(id)));
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of a silence", e);
    }
  }

  async replace(silence: Silence, etag: string): Promise<SilenceRecord> {
    const client = await this.client();
    try {
      const result = await client.updateEntity(toEntity(silence), "Replace", { etag });
      return { silence, etag: result.etag ?? (await this.mustRead(silence.id)).etag };
    } catch (e: unknown) {
      const status = tableStatus(e);
      if (status === 412 || status === 404)
        throw new SilenceRecordConflict(`silence ${silence.id} changed meanwhile`);
      throw upstream("write of a silence", e);
    }
  }

  async endingAfter(endsAfter: Date): Promise<SilenceRecord[]> {
    const client = await this.client();
    const out: SilenceRecord[] = [];
    try {
      const pages = client.listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: odata`PartitionKey eq ${PARTITION} and endsAt gt ${endsAfter.toISOString()}`,
        },
      });
      for await (const entity of pages) out.push(toRecord(entity));
    } catch (e: unknown) {
      throw upstream("listing of silences", e);
    }
    return out;
  }

  private async mustRead(id: string): Promise<SilenceRecord> {
    const record = await this.read(id);
    if (!record) throw upstream("read-back of a silence", new Error("row missing after write"));
    return record;
  }

  private client(): Promise<TableClient> {
    return this.tables.client(this.tableName).catch((e: unknown) => {
      throw upstream(`creation of table ${this.tableName}`, e);
    });
  }
}

function toEntity(silence: Silence): Record<string, string> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: PARTITION,
    rowKey: escapeKey(silence.id),
    id: silence.id,
    endsAt: new Date(silence.endsAt).toISOString(),
    doc: JSON.stringify(silence),
  };
}

function toRecord(entity: Entity): SilenceRecord {
  return { silence: JSON.parse(String(entity["doc"])) as Silence, etag: entity.etag };
}
