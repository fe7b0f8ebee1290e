import { odata, type TableClient } from "@azure/data-tables";
import type {
  HistoryQuery,
  ProfileHistory,
  StatusHistoryStore,
} from "../../app/ports/status-history-store.js";
import type { Report } from "../../core/report.js";
import {
  appendToDay,
  samplesOfDay,
  utcDay,
  type HistoryTail,
  type StatusEvent,
} from "../../core/status/status-history.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey } from "./table-keys.js";
import { recordHistoryBatch } from "./table-status-history-batch.js";
import {
  chunkNames,
  DAY_MS,
  getRow,
  KEEP_DAYS,
  partition,
  tailOf,
  toDay,
  toRow,
  type Row,
} from "./table-status-history-rows.js";

/**
 * One row per profile and UTC day in the reports table (table-status-history-rows.ts). Reading
 * the page is two range queries over day partitions, one selecting the samples of the last two
 * days, one the events of the last eight. A row eight days old is deleted when the profile's next
 * day row is created.
 */
const ATTEMPTS = 4;

export class TableStatusHistoryStore implements StatusHistoryStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  async record(report: Report): Promise<StatusEvent[]> {
    const client = await this.client();
    const profile = report.profile.toLowerCase();
    const rowKey = escapeKey(profile);
    const at = new Date(report.generatedAt);
    const day = utcDay(at);
    try {
      for (let attempt = 1; ; attempt += 1) {
        const existing = await getRow(client, partition(day), rowKey);
        const stored = existing ? toDay(existing, profile, day) : undefined;
        const tail = stored ? undefined : await previousTail(client, rowKey, at);
        const next = appendToDay(stored, tail, report);
        const entity = { partitionKey: partition(day), rowKey, ...toRow(next) };
        try {
          if (existing) await client.updateEntity(entity, "Replace", { etag: existing.etag });
          else {
            await client.createEntity(entity);
            await this.prune(client, rowKey, at);
          }
          return next.events.slice(stored?.events.length ?? 0);
        } catch (e: unknown) {
          // Another audit of this profile wrote first (timer and audit-now at once): read again.
          const status = tableStatus(e);
          if ((status !== 412 && status !== 409) || attempt >= ATTEMPTS) throw e;
        }
      }
    } catch (e: unknown) {
      throw upstream("write of the status history", e);
    }
  }

  async recordMany(reports: readonly Report[]): Promise<Map<string, StatusEvent[] | Error>> {
    let client: TableClient;
    try {
      client = await this.client();
    } catch (e: unknown) {
      const error = e instanceof Error ? e : new Error(String(e));
      return new Map(reports.map((r) => [r.profile.toLowerCase(), error]));
    }
    return recordHistoryBatch(client, reports, (report) => this.record(report));
  }

  async read(query: HistoryQuery): Promise<Map<string, ProfileHistory>> {
    const client = await this.client();
    const out = new Map<string, ProfileHistory>();
    const entry = (profile: string) => {
      let h = out.get(profile);
      if (!h) out.set(profile, (h = { samples: [], events: [] }));
      return h;
    };
    try {
      const [sampleRows, eventRows] = await Promise.all([
        list(client, query, query.samplesSince, ["profile", "day", "names", "tail", ...chunkNames("s")]),
        list(client, query, query.eventsSince, ["profile", "day", "tail", ...chunkNames("e")]),
      ]);
      for (const row of sampleRows) {
        const day = toDay(row, String(row["profile"]), String(row["day"]));
        const h = entry(day.profile);
        h.samples.push(...samplesOfDay(day).filter((s) => Date.parse(s.at) >= query.samplesSince.getTime()));
      }
      for (const row of eventRows) {
        const day = toDay(row, String(row["profile"]), String(row["day"]));
        const h = entry(day.profile);
        h.events.push(...day.events.filter((e) => Date.parse(e.at) >= query.eventsSince.getTime()));
        h.tail = day.tail; // rows arrive in PartitionKey (day) order: the last one wins
      }
    } catch (e: unknown) {
      throw upstream("read of the status history", e);
    }
    return out;
  }

  private async prune(client: TableClient, rowKey: string, at: Date): Promise<void> {
    const old = partition(utcDay(new Date(at.getTime() - KEEP_DAYS * DAY_MS)));
    await client.deleteEntity(old, rowKey).catch(() => undefined); // housekeeping; usually absent
  }

  private client(): Promise<TableClient> {
    return this.tables.client(this.tableName).catch((e: unknown) => {
      throw upstream(`creation of table ${this.tableName}`, e);
    });
  }
}

/** Yesterday's tail, so a failover across midnight still shows as one. */
async function previousTail(client: TableClient, rowKey: string, at: Date): Promise<HistoryTail | undefined> {
  return tailOf(await getRow(client, partition(utcDay(new Date(at.getTime() - DAY_MS))), rowKey));
}

async function list(client: TableClient, query: HistoryQuery, since: Date, select: string[]): Promise<Row[]> {
  const from = partition(utcDay(since));
  const to = partition("9999");
  const filter =
    query.profile === undefined
      ? odata`PartitionKey ge ${from} and PartitionKey lt ${to}`
      : odata`PartitionKey ge ${from} and PartitionKey lt ${to} and RowKey eq ${escapeKey(query.profile)}`;
  const rows: Row[] = [];
  for await (const row of client.listEntities<Row>({ queryOptions: { filter, select } })) rows.push(row);
  return rows;
}
