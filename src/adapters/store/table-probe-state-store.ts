import type { ProbeCounters, ProbeStateStore } from "../../app/ports/probe-state-store.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey, fromChunks, toChunks } from "./table-keys.js";

/** Consecutive-failure counters in the state table: PartitionKey = profile, RowKey `probe`. */
const ROW = "probe";

export class TableProbeStateStore implements ProbeStateStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  async load(profile: string): Promise<ProbeCounters> {
    const client = await this.tables.client(this.tableName);
    try {
      const entity = await client.getEntity<Record<string, unknown>>(escapeKey(profile.toLowerCase()), ROW);
      return JSON.parse(fromChunks("counters", entity) ?? "{}") as ProbeCounters;
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return {};
      throw upstream("read of probe counters", e);
    }
  }

  async save(profile: string, counters: ProbeCounters): Promise<void> {
    const client = await this.tables.client(this.tableName);
    const key = profile.toLowerCase();
    try {
      await client.upsertEntity(
        {
          partitionKey: escapeKey(key),
          rowKey: ROW,
          profile: key,
          ...toChunks("counters", JSON.stringify(counters)),
        },
        "Replace",
      );
    } catch (e: unknown) {
      throw upstream("write of probe counters", e);
    }
  }
}
