import { randomUUID } from "node:crypto";
import { odata, TableTransaction, type TableClient, type TableEntityResult } from "@azure/data-tables";
import { AppError } from "../../app/errors.js";
import type { Clock } from "../../app/ports/clock.js";
import {
  DEFAULT_DESIRED_HISTORY_VERSIONS,
  type ApplyRecord,
  type DesiredStateChange,
  type DesiredStateStore,
  type StoredDesiredState,
} from "../../app/ports/desired-state-store.js";
import type { DesiredState } from "../../core/desired-state.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey, fromChunks, toChunks } from "./table-keys.js";

/**
 * One partition per profile in one table: RowKey `current` holds the document, RowKeys
 * `h0000000001`… one row per accepted change. Keeping history in the same partition lets a change
 * and its history row commit in one entity-group transaction: both or neither. The transaction
 * replaces `current` only if its ETag is the one the caller saw and creates history row n+1 only
 * if nobody else did, so a stale writer changes nothing.
 */
const CURRENT = "current";
const historyRowKey = (version: number) => `h${String(version).padStart(10, "0")}`;
/**
 * A delete turns `current` into a tombstone (`deleted: true`, no document) in the same transaction
 * as its history row, so the version numbers continue when a document is created again.
 */
interface Prior {
  etag: string;
  version: number;
  /** Undefined for a tombstone. */
  document?: DesiredState;
}

/** Applied plans: RowKey `a` + time + a random suffix, so two applies in one millisecond both land. */
const applyRowKey = (at: string) => `a${at}-${randomUUID().slice(0, 8)}`;

type Entity = TableEntityResult<Record<string, unknown>>;

export class TableDesiredStateStore implements DesiredStateStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
    private readonly clock: Clock,
    /** History rows kept per profile; older ones are pruned after each write. */
    private readonly historyVersions = DEFAULT_DESIRED_HISTORY_VERSIONS,
  ) {}

  async get(profile: string): Promise<StoredDesiredState | undefined> {
    const entity = await this.currentRow(profile.toLowerCase());
    return entity === undefined || isTombstone(entity) ? undefined : toStored(entity);
  }

  async list(): Promise<StoredDesiredState[]> {
    const client = await this.client();
    const out: StoredDesiredState[] = [];
    try {
      const pages = client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`RowKey eq ${CURRENT}` },
      });
      for await (const entity of pages) if (!isTombstone(entity)) out.push(toStored(entity));
    } catch (e: unknown) {
      throw upstream("listing of desired states", e);
    }
    return out;
  }

  async create(profile: string, document: DesiredState, updatedBy: string): Promise<StoredDesiredState> {
    const key = profile.toLowerCase();
    const row = await this.currentRow(key);
    if (row !== undefined && !isTombstone(row))
      throw new AppError("PRECONDITION_FAILED", `A desired state for ${key} already exists.`);
    return this.commit(key, document, updatedBy, row && { etag: row.etag, version: Number(row["version"]) });
  }

  async replace(
    profile: string,
    document: DesiredState,
    etag: string,
    updatedBy: string,
  ): Promise<StoredDesiredState> {
    const key = profile.toLowerCase();
    const current = await this.get(key);
    if (!current) throw new AppError("NOT_FOUND", `No desired state for ${key} to replace.`);
    // "*" (If-Match: *) means "whatever is there now"; the transaction still guards against a race.
    if (etag !== "*" && etag !== current.etag) throw stale(key);
    return this.commit(key, document, updatedBy, current);
  }

  async delete(profile: string, etag: string, deletedBy: string): Promise<void> {
    const key = profile.toLowerCase();
    const current = await this.get(key);
    if (!current) throw new AppError("NOT_FOUND", `No desired state is stored for ${key}.`);
    if (etag !== "*" && etag !== current.etag) throw stale(key);
    const client = await this.client();
    const partitionKey = escapeKey(key);
    const version = current.version + 1;
    const at = this.clock.now().toISOString();
    const tx = new TableTransaction();
    tx.updateEntity(
      {
        partitionKey,
        rowKey: CURRENT,
        profile: key,
        version,
        updatedAt: at,
        updatedBy: deletedBy,
        deleted: true,
      },
      "Replace",
      { etag: current.etag },
    );
    tx.createEntity({
      partitionKey,
      rowKey: historyRowKey(version),
      profile: key,
      version,
      at,
      by: deletedBy,
      deleted: true,
      ...toChunks("before", JSON.stringify(current.document)),
    });
    try {
      await client.submitTransaction(tx.actions);
    } catch (e: unknown) {
      const status = tableStatus(e);
      if (status === 412 || status === 409) throw stale(key);
      throw upstream("delete of the desired state", e);
    }
    await this.prune(client, key, version);
  }

  async history(profile: string): Promise<DesiredStateChange[]> {
    const client = await this.client();
    const key = profile.toLowerCase();
    const out: DesiredStateChange[] = [];
    try {
      const pages = client.listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: odata`PartitionKey eq ${escapeKey(key)} and RowKey gt ${"h"} and RowKey lt ${"i"}`,
        },
      });
      for await (const e of pages) out.push(toChange(key, e));
    } catch (e: unknown) {
      throw upstream("read of the desired-state history", e);
    }
    return out.sort((a, b) => b.version - a.version);
  }

  async recordApply(profile: string, record: ApplyRecord): Promise<void> {
    const client = await this.client();
    const key = profile.toLowerCase();
    try {
      await client.createEntity({
        partitionKey: escapeKey(key),
        rowKey: applyRowKey(record.at),
        profile: key,
        at: record.at,
        by: record.appliedBy,
        ...toChunks("apply", JSON.stringify(record)),
      });
    } catch (e: unknown) {
      throw upstream("write of the apply record", e);
    }
  }

  async applies(profile: string): Promise<ApplyRecord[]> {
    const client = await this.client();
    const key = profile.toLowerCase();
    const out: ApplyRecord[] = [];
    try {
      const pages = client.listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: odata`PartitionKey eq ${escapeKey(key)} and RowKey gt ${"a"} and RowKey lt ${"b"}`,
        },
      });
      for await (const e of pages) out.push(JSON.parse(fromChunks("apply", e) ?? "null") as ApplyRecord);
    } catch (e: unknown) {
      throw upstream("read of the apply records", e);
    }
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  private client(): Promise<TableClient> {
    return this.tables.client(this.tableName).catch((e: unknown) => {
      throw upstream(`creation of table ${this.tableName}`, e);
    });
  }

  private async currentRow(key: string): Promise<Entity | undefined> {
    const client = await this.client();
    try {
      return await client.getEntity<Record<string, unknown>>(escapeKey(key), CURRENT);
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of the desired state", e);
    }
  }

  /**
   * Deletes history rows older than the newest `historyVersions`. Runs after the write has
   * committed, so a failure here must not fail the write: the range query picks the rows up again
   * at the next write.
   */
  private async prune(client: TableClient, key: string, newest: number): Promise<void> {
    const oldestKept = newest - this.historyVersions + 1;
    if (oldestKept <= 1) return;
    const partitionKey = escapeKey(key);
    try {
      const pages = client.listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: odata`PartitionKey eq ${partitionKey} and RowKey gt ${"h"} and RowKey lt ${historyRowKey(oldestKept)}`,
          select: ["RowKey"],
        },
      });
      const rows: string[] = [];
      for await (const e of pages) rows.push(e.rowKey ?? "");
      await Promise.all(rows.map((rowKey) => client.deleteEntity(partitionKey, rowKey)));
    } catch {
      // Best effort: see above.
    }
  }

  private async commit(
    key: string,
    document: DesiredState,
    updatedBy: string,
    prior: Prior | undefined,
  ): Promise<StoredDesiredState> {
    const current = prior?.document !== undefined ? prior : undefined;
    const client = await this.client();
    const partitionKey = escapeKey(key);
    const version = (prior?.version ?? 0) + 1;
    const updatedAt = this.clock.now().toISOString();
    const row = {
      partitionKey,
      rowKey: CURRENT,
      profile: key,
      version,
      updatedAt,
      updatedBy,
      ...toChunks("doc", JSON.stringify(document)),
    };
    const history = {
      partitionKey,
      rowKey: historyRowKey(version),
      profile: key,
      version,
      at: updatedAt,
      by: updatedBy,
      ...(current?.document ? toChunks("before", JSON.stringify(current.document)) : {}),
      ...toChunks("after", JSON.stringify(document)),
    };
    const tx = new TableTransaction();
    if (prior) tx.updateEntity(row, "Replace", { etag: prior.etag });
    else tx.createEntity(row);
    tx.createEntity(history);
    try {
      const result = await client.submitTransaction(tx.actions);
      await this.prune(client, key, version);
      const etag = result.getResponseForEntity(CURRENT)?.etag;
      if (etag !== undefined) return { profile: key, document, etag, version, updatedAt, updatedBy };
    } catch (e: unknown) {
      const status = tableStatus(e);
      // 412: `current` changed since it was read; 409: `current` or history row n+1 already exists.
      if (status === 412 || status === 409)
        throw current
          ? stale(key)
          : new AppError("PRECONDITION_FAILED", `A desired state for ${key} already exists.`);
      throw upstream("write of the desired state", e);
    }
    const stored = await this.get(key);
    if (!stored) throw upstream("read-back of the desired state", new Error("row missing after commit"));
    return stored;
  }
}

function stale(key: string): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    `The desired state of ${key} has changed since it was read (stale ETag); GET it again and retry.`,
  );
}

function isTombstone(entity: Entity): boolean {
  return entity["deleted"] === true;
}

function toStored(entity: Entity): StoredDesiredState {
  return {
    profile: String(entity["profile"]),
    document: JSON.parse(fromChunks("doc", entity) ?? "null") as DesiredState,
    etag: entity.etag,
    version: Number(entity["version"]),
    updatedAt: String(entity["updatedAt"]),
    updatedBy: String(entity["updatedBy"]),
  };
}

function toChange(key: string, entity: Entity): DesiredStateChange {
  const before = fromChunks("before", entity);
  const after = fromChunks("after", entity);
  return {
    profile: key,
    version: Number(entity["version"]),
    at: String(entity["at"]),
    by: String(entity["by"]),
    ...(before !== undefined ? { before: JSON.parse(before) as DesiredState } : {}),
    ...(after !== undefined ? { after: JSON.parse(after) as DesiredState } : {}),
    ...(entity["deleted"] === true ? { deleted: true as const } : {}),
  };
}
