import { odata, TableTransaction, type TableClient } from "@azure/data-tables";
import type { ProbeCounters, ProbeStateStore } from "../../app/ports/probe-state-store.js";
import { parseProfileKey } from "../../core/profile-key.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { readPartitionsInRange, readRowsInRange, transactionChunks } from "./table-batches.js";
import { escapeKey, fromChunks, toChunks } from "./table-keys.js";

/**
 * Consecutive-failure counters in the state table, one partition per subscription
 * (`~probe-<subscription>`, RowKey = profile), so a queue message's profiles are read with one
 * range query and written with one entity-group transaction. Escaped profile keys never start
 * with `~probe-` (hashed ones are `~` and 43 base64url characters), so no profile partition of the
 * alert state collides with these. Counters written by earlier versions (PartitionKey = profile,
 * RowKey `probe`) are still read when a profile has none in the new layout.
 */
const LEGACY_ROW = "probe";

function partitionOf(profile: string): string {
  const sub = parseProfileKey(profile)?.subscriptionId ?? profile.split("/")[0] ?? "";
  return `~probe-${escapeKey(sub.toLowerCase())}`;
}

export class TableProbeStateStore implements ProbeStateStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  async load(profile: string): Promise<ProbeCounters> {
    const client = await this.tables.client(this.tableName);
    const key = profile.toLowerCase();
    return (
      (await this.point(client, partitionOf(key), escapeKey(key))) ??
      (await this.point(client, escapeKey(key), LEGACY_ROW)) ??
      {}
    );
  }

  async save(profile: string, counters: ProbeCounters): Promise<void> {
    await this.saveMany(new Map([[profile, counters]]));
  }

  /**
   * Every profile's counters (none: `{}`): one range query per subscription partition, then, for
   * the profiles not found there, one query over their partitions of the older layout.
   */
  async loadMany(profiles: readonly string[]): Promise<Map<string, ProbeCounters>> {
    const client = await this.tables.client(this.tableName);
    const out = new Map<string, ProbeCounters>();
    const keys = profiles.map((p) => p.toLowerCase());
    try {
      for (const group of groupBy(keys, partitionOf)) {
        const rows = await readRowsInRange(
          client,
          partitionOf(group[0]!),
          group.map((k) => escapeKey(k)),
        );
        for (const entity of rows.values()) {
          const text = fromChunks("counters", entity);
          if (typeof entity.profile === "string" && text !== undefined)
            out.set(entity.profile, JSON.parse(text) as ProbeCounters);
        }
      }
      const missing = keys.filter((k) => !out.has(k));
      const legacy = await readPartitionsInRange(
        client,
        missing.map((k) => escapeKey(k)),
        odata`RowKey eq ${LEGACY_ROW}`,
      );
      for (const key of missing) {
        const text = fromChunks("counters", legacy.get(escapeKey(key))?.[0] ?? {});
        out.set(key, text === undefined ? {} : (JSON.parse(text) as ProbeCounters));
      }
    } catch (e: unknown) {
      throw upstream("read of probe counters", e);
    }
    return out;
  }

  async saveMany(entries: ReadonlyMap<string, ProbeCounters>): Promise<void> {
    const client = await this.tables.client(this.tableName);
    const rows = [...entries].map(([profile, counters]) => {
      const key = profile.toLowerCase();
      return {
        partitionKey: partitionOf(key),
        rowKey: escapeKey(key),
        profile: key,
        ...toChunks("counters", JSON.stringify(counters)),
      };
    });
    try {
      for (const chunk of transactionChunks(rows, (r) => r.partitionKey)) {
        if (chunk.length === 1) await client.upsertEntity(chunk[0]!, "Replace");
        else {
          const tx = new TableTransaction();
          for (const row of chunk) tx.upsertEntity(row, "Replace");
          await client.submitTransaction(tx.actions);
        }
      }
    } catch (e: unknown) {
      throw upstream("write of probe counters", e);
    }
  }

  private async point(client: TableClient, pk: string, rk: string): Promise<ProbeCounters | undefined> {
    try {
      const entity = await client.getEntity<Record<string, unknown>>(pk, rk);
      const text = fromChunks("counters", entity);
      return text === undefined ? undefined : (JSON.parse(text) as ProbeCounters);
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of probe counters", e);
    }
  }
}

function groupBy(keys: readonly string[], by: (k: string) => string): string[][] {
  const groups = new Map<string, string[]>();
  for (const k of keys) groups.set(by(k), [...(groups.get(by(k)) ?? []), k]);
  return [...groups.values()];
}
