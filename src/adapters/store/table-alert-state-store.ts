import { TableTransaction } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import type { OutboxEntry } from "../../app/ports/alert-outbox.js";
import {
  AlertStoreConflict,
  type AlertStateStore,
  type LoadedAlertState,
  type PrimedAlertState,
  type ProfileAlertState,
} from "../../app/ports/alert-state-store.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { outboxEntryFromEntity, PENDING_ROWS, toOutboxEntity } from "./table-alert-outbox.js";
import { readPartitionsInRange } from "./table-batches.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey, fromChunks, toChunks } from "./table-keys.js";

/**
 * Alert state in the state table: PartitionKey = profile, RowKey `alerts`, JSON in chunks. The
 * outbox rows share the partition, so a save and its new messages commit in one transaction.
 */
const ROW = "alerts";
/** An entity group transaction holds at most 100 operations. */
const MAX_NEW_ENTRIES = 99;

export class TableAlertStateStore implements AlertStateStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  async load(profile: string): Promise<LoadedAlertState | undefined> {
    const client = await this.tables.client(this.tableName);
    try {
      const entity = await client.getEntity<Record<string, unknown>>(escapeKey(profile.toLowerCase()), ROW);
      const json = fromChunks("state", entity);
      return json === undefined
        ? undefined
        : { state: JSON.parse(json) as ProfileAlertState, etag: entity.etag };
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of alert state", e);
    }
  }

  /** One query over the profiles' partitions for their state rows and pending outbox rows. */
  async loadMany(profiles: readonly string[]): Promise<Map<string, PrimedAlertState>> {
    const client = await this.tables.client(this.tableName);
    const keys = new Map(profiles.map((p) => [escapeKey(p.toLowerCase()), p.toLowerCase()]));
    let rows;
    try {
      rows = await readPartitionsInRange(
        client,
        [...keys.keys()],
        `${odata`RowKey eq ${ROW}`} or (${PENDING_ROWS})`,
      );
    } catch (e: unknown) {
      throw upstream("read of alert states", e);
    }
    const out = new Map<string, PrimedAlertState>();
    for (const [partition, profile] of keys) {
      const primed: PrimedAlertState = { loaded: undefined, pending: [] };
      for (const entity of rows.get(partition) ?? []) {
        if (entity.rowKey === ROW) {
          const json = fromChunks("state", entity);
          if (json !== undefined)
            primed.loaded = { state: JSON.parse(json) as ProfileAlertState, etag: entity.etag };
        } else {
          const entry = outboxEntryFromEntity(entity);
          if (entry) primed.pending.push(entry);
        }
      }
      primed.pending.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      out.set(profile, primed);
    }
    return out;
  }

  async save(
    state: ProfileAlertState,
    etag: string | undefined,
    newEntries: readonly OutboxEntry[] = [],
  ): Promise<void> {
    if (newEntries.length > MAX_NEW_ENTRIES)
      throw upstream("write of alert state", new Error(`too many new outbox entries (${newEntries.length})`));
    const client = await this.tables.client(this.tableName);
    const key = state.profile.toLowerCase();
    const row = {
      partitionKey: escapeKey(key),
      rowKey: ROW,
      profile: key,
      ...toChunks("state", JSON.stringify(state)),
    };
    const tx = new TableTransaction();
    if (etag !== undefined) tx.updateEntity(row, "Replace", { etag });
    else tx.createEntity(row);
    for (const entry of newEntries) tx.createEntity(toOutboxEntity(entry));
    try {
      await client.submitTransaction(tx.actions);
    } catch (e: unknown) {
      // 412: the state changed since it was read; 409: it (or an outbox id) was created meanwhile.
      const status = tableStatus(e);
      if (status === 412 || status === 409)
        throw new AlertStoreConflict(`alert state of ${key} changed meanwhile`);
      throw upstream("write of alert state", e);
    }
  }
}
