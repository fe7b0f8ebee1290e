import { odata, type TableClient } from "@azure/data-tables";
import type { Clock } from "../../app/ports/clock.js";
import type { ReportStore } from "../../app/ports/report-store.js";
import type { Report } from "../../core/report.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey, fromChunks } from "./table-keys.js";
import { readRowsInRange } from "./table-batches.js";
import { changesHistory, crossesPruneMoment, reportRows, saveReportBatch } from "./table-report-batch.js";

/**
 * The latest report of every profile in one partition, `latest` (RowKey = profile), so listing
 * them is one partition query however much history there is; the history in one partition per
 * profile, one `r<generatedAt>` row per report kept. Escaped
 * profile keys hold `!2F` or start with `~`, so no profile partition is called `latest`. History keeps a
 * report only when what it says changed (core/report-outcome.ts). History rows older than the
 * retention, but the newest, are deleted on a later save of that profile: no separate clean-up job.
 */
const LATEST = "latest";
const DAY_MS = 86_400_000;

export class TableReportStore implements ReportStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
    private readonly retentionDays: number,
    private readonly clock: Clock,
  ) {}

  async save(report: Report): Promise<void> {
    const client = await this.client();
    const rows = reportRows(report);
    try {
      const current = await latestMeta(client, rows.latest);
      // History first: if the second write fails, `latest` still shows the previous report and
      // the failed save is reported; the reverse would leave a latest report with no history row.
      if (changesHistory(rows.latest, current)) await client.upsertEntity(rows.history, "Replace");
      await writeLatestIfNewer(client, rows.latest, { current });
    } catch (e: unknown) {
      throw upstream("write of the audit report", e);
    }
    await this.prune(client, rows.history.partitionKey);
  }

  async latest(profile: string): Promise<Report | undefined> {
    const client = await this.client();
    try {
      const entity = await client.getEntity<Record<string, unknown>>(
        LATEST,
        escapeKey(profile.toLowerCase()),
      );
      return toReport(entity);
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of the audit report", e);
    }
  }

  async listLatest(): Promise<Report[]> {
    const client = await this.client();
    const out: Report[] = [];
    try {
      const pages = client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${LATEST}` },
      });
      for await (const entity of pages) {
        const report = toReport(entity);
        if (report) out.push(report);
      }
    } catch (e: unknown) {
      throw upstream("listing of audit reports", e);
    }
    return out;
  }

  async remove(profile: string): Promise<void> {
    const client = await this.client();
    try {
      await client.deleteEntity(LATEST, escapeKey(profile.toLowerCase()));
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return;
      throw upstream("removal of the audit report", e);
    }
  }

  /**
   * Many reports in as few transactions as the keys allow (see saveReportBatch). History is pruned
   * once a day per profile here (see crossesPruneMoment), not on every save: pruning is a query
   * per profile, and a cycle every five minutes would otherwise pay it 288 times a day.
   */
  async saveMany(reports: readonly Report[]): Promise<Map<string, Error>> {
    if (reports.length === 0) return new Map();
    const client = await this.client();
    const { failed, previous } = await saveReportBatch(client, reports);
    for (const report of reports) {
      const key = report.profile.toLowerCase();
      const before = previous.get(key);
      if (failed.has(key) || before === undefined) continue;
      if (crossesPruneMoment(key, before, report.generatedAt)) await this.prune(client, escapeKey(key));
    }
    return failed;
  }

  /** Latest reports of the given profiles with one range query over the `latest` partition. */
  async latestMany(profiles: readonly string[]): Promise<Map<string, Report>> {
    const client = await this.client();
    const out = new Map<string, Report>();
    try {
      const rows = await readRowsInRange(
        client,
        LATEST,
        profiles.map((p) => escapeKey(p.toLowerCase())),
      );
      for (const entity of rows.values()) {
        const report = toReport(entity);
        if (report) out.set(report.profile.toLowerCase(), report);
      }
    } catch (e: unknown) {
      throw upstream("read of audit reports", e);
    }
    return out;
  }

  /** Reports of one profile kept within the retention, newest first (not part of the port; for tests and tools). */
  async history(profile: string): Promise<Report[]> {
    const client = await this.client();
    const out: Report[] = [];
    const pk = escapeKey(profile.toLowerCase());
    const pages = client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${pk} and RowKey gt ${"r"} and RowKey lt ${"s"}` },
    });
    for await (const entity of pages) {
      const report = toReport(entity);
      if (report) out.push(report);
    }
    return out.reverse();
  }

  /**
   * Deletes history rows older than the retention, except the newest row: history keeps changes
   * only, so that row tells since when the current outcome has held, however long ago it began.
   */
  private async prune(client: TableClient, partitionKey: string): Promise<void> {
    const cutoff = `r${new Date(this.clock.now().getTime() - this.retentionDays * DAY_MS).toISOString()}`;
    try {
      const rows = client.listEntities({
        queryOptions: {
          filter: odata`PartitionKey eq ${partitionKey} and RowKey gt ${"r"} and RowKey lt ${"s"}`,
          select: ["RowKey"],
        },
      });
      const keys: string[] = [];
      for await (const row of rows) keys.push(row.rowKey!);
      keys.sort();
      for (const key of keys.slice(0, -1)) if (key < cutoff) await client.deleteEntity(partitionKey, key);
    } catch {
      // Pruning is housekeeping: the next save retries it, and the report itself is stored.
    }
  }

  private client(): Promise<TableClient> {
    return this.tables.client(this.tableName).catch((e: unknown) => {
      throw upstream(`creation of table ${this.tableName}`, e);
    });
  }
}

/** Conditional writes tried before giving up: each retry means another writer just won. */
const MAX_LATEST_ATTEMPTS = 5;

/**
 * Writes the `latest` row only when it holds an older report (or none): the write is conditional
 * on the ETag read (create-only when absent), so a slow instance saving an older report can never
 * overwrite a newer one, and a lost race is decided again on fresh data.
 */
type LatestRow = { partitionKey: string; rowKey: string; generatedAt: string } & Record<string, unknown>;
type LatestMeta = { generatedAt?: unknown; outcome?: unknown; etag: string };

/** The stored latest row's time, outcome digest and ETag; undefined when there is none. */
async function latestMeta(client: TableClient, entity: LatestRow): Promise<LatestMeta | undefined> {
  try {
    return await client.getEntity(entity.partitionKey, entity.rowKey, {
      queryOptions: { select: ["generatedAt", "outcome"] },
    });
  } catch (e: unknown) {
    if (tableStatus(e) !== 404) throw e;
    return undefined;
  }
}

/** @param read the row as just read (`current` undefined: none), which saves the first attempt its read. */
async function writeLatestIfNewer(
  client: TableClient,
  entity: LatestRow,
  read?: { current: LatestMeta | undefined },
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const current = attempt === 1 && read ? read.current : await latestMeta(client, entity);
    if (current && typeof current.generatedAt === "string" && current.generatedAt > entity.generatedAt)
      return;
    try {
      if (current) await client.updateEntity(entity, "Replace", { etag: current.etag });
      else await client.createEntity(entity);
      return;
    } catch (e: unknown) {
      const lost = tableStatus(e) === 412 || tableStatus(e) === 409;
      if (!lost || attempt >= MAX_LATEST_ATTEMPTS) throw e;
    }
  }
}

function toReport(entity: Record<string, unknown>): Report | undefined {
  const text = fromChunks("report", entity);
  return text === undefined ? undefined : (JSON.parse(text) as Report);
}
