import { randomUUID } from "node:crypto";
import { odata, TableTransaction, type TableClient, type TableEntityResult } from "@azure/data-tables";
import { AppError } from "../../app/errors.js";
import type { Clock } from "../../app/ports/clock.js";
import type {
  ApplyRecord,
  DesiredStateChange,
  DesiredStateStore,
  StoredDesiredState,
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
/** Applied plans: RowKey `a` + time + a random suffix, so two applies in one millisecond both land. */
const applyRowKey = (at: string) => `a${at}-${randomUUID().slice(0, 8)}`;

type Entity = TableEntityResult<Record<string, unknown>>;

export class TableDesiredStateStore implements DesiredStateStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async get(profile: string): Promise<StoredDesiredState | undefined> {
    const client = await this.client();
    const key = profile.toLowerCase();
    try {
      return toStored(await client.getEntity<Record<string, unknown>>(escapeKey(key), CURRENT));
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of the desired state", e);
    }
  }

  async list(): Promise<StoredDesiredState[]> {
    const client = await this.client();
    const out: StoredDesiredState[] = [];
    try {
      const pages = client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`RowKey eq ${CURRENT}` },
      });
      for await (const entity of pages) out.push(toStored(entity));
    } catch (e: unknown) {
      throw upstream("listing of desired states", e);
    }
    return out;
  }

  async create(profile: string, document: DesiredState, updatedBy: string): Promise<StoredDesiredState> {
    return this.commit(profile.toLowerCase(), document, updatedBy, undefined);
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

  private async commit(
    key: string,
    document: DesiredState,
    updatedBy: string,
    current: StoredDesiredState | undefined,
  ): Promise<StoredDesiredState> {
    const client = await this.client();
    const partitionKey = escapeKey(key);
    const version = (current?.version ?? 0) + 1;
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
      ...(current ? toChunks("before", JSON.stringify(current.document)) : {}),
      ...toChunks("after", JSON.stringify(document)),
    };
    const tx = new TableTransaction();
    if (current) tx.updateEntity(row, "Replace", { etag: current.etag });
    else tx.createEntity(row);
    tx.createEntity(history);
    try {
      const result = await client.submitTransaction(tx.actions);
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
  return {
    profile: key,
    version: Number(entity["version"]),
    at: String(entity["at"]),
    by: String(entity["by"]),
    ...(before !== undefined ? { before: JSON.parse(before) as DesiredState } : {}),
    after: JSON.parse(fromChunks("after", entity) ?? "null") as DesiredState,
  };
}
