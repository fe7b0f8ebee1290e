import { odata, type TableClient } from "@azure/data-tables";
import type { Clock } from "../../app/ports/clock.js";
import type { ReportStore } from "../../app/ports/report-store.js";
import type { Report } from "../../core/report.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey, fromChunks } from "./table-keys.js";
import { readRowsInRange } from "./table-batches.js";
import { crossesPruneMoment, LATEST, saveReportBatch } from "./table-report-batch.js";

/**
 * The latest report of every profile in one partition, `latest` (RowKey = profile), so listing
 * them is one partition query however much history there is; the history in one partition per
 * profile, one `r<generatedAt>` row per report kept. Escaped
 * profile keys hold `!2F` or start with `~`, so no profile partition is called `latest`. History keeps a
 * report only when what it says changed (core/report-outcome.ts). History rows older than the
 * retention, but the newest, are deleted on a later save of that profile: no separate clean-up job.
 */
const DAY_MS = 86_400_000;

export class TableReportStore implements ReportStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
    private readonly retentionDays: number,
    private readonly clock: Clock,
  ) {}

  /** The one-report form of saveMany (same history rule, same conditional `latest` write), pruned every time. */
  async save(report: Report): Promise<void> {
    const client = await this.client();
    const key = report.profile.toLowerCase();
    const { failed } = await saveReportBatch(client, [report]);
    const error = failed.get(key);
    if (error) throw error;
    await this.prune(client, escapeKey(key));
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

function toReport(entity: Record<string, unknown>): Report | undefined {
  const text = fromChunks("report", entity);
  return text === undefined ? undefined : (JSON.parse(text) as Report);
}
