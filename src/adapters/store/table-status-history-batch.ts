import { TableTransaction, type TableClient, type TableEntityResult } from "@azure/data-tables";
import type { Report } from "../../core/report.js";
import { appendToDay, utcDay, type StatusEvent } from "../../core/status/status-history.js";
import { MAX_TRANSACTION_OPS, readRowsInRange } from "./table-batches.js";
import { escapeKey } from "./table-keys.js";
import { DAY_MS, KEEP_DAYS, partition, tailOf, toDay, toRow, type Row } from "./table-status-history-rows.js";

/** The one-row write (`record`): reads, writes conditionally, retries lost races. */
export type RecordOne = (report: Report) => Promise<StatusEvent[]>;

/**
 * A transaction may carry at most 4 MiB; a day row at a one-minute schedule with many endpoints
 * can reach a few hundred KiB, so chunks are cut by size as well as by count.
 */
const MAX_TRANSACTION_BYTES = 3 * 1024 * 1024;
/** Per-operation framing of the multipart body (headers, boundaries). */
const OPERATION_OVERHEAD_BYTES = 1024;

interface Planned {
  report: Report;
  profile: string;
  entity: Row & { partitionKey: string; rowKey: string };
  existing: TableEntityResult<Row> | undefined;
  events: StatusEvent[];
}

/**
 * Records many reports with the storage calls the keys allow: all rows of one UTC day share the
 * partition `status-<day>`, so per day one range read finds today's rows, one more (of the tails
 * only) finds yesterday's for profiles without a row yet, and entity-group transactions of up to
 * 100 write them: `create` for new rows, an ETag-conditional `Replace` for existing ones. A chunk
 * whose reads or transaction fail (409/412 when another writer, e.g. audit-now, got in between)
 * is recorded row by row with `recordOne`, which rereads and retries. Several reports of one
 * profile are applied in the order given, one round each.
 * @returns per lower-case profile the events its reports caused, or why its history was not written
 * (a profile's later reports in the same call are then skipped).
 */
export async function recordHistoryBatch(
  client: TableClient,
  reports: readonly Report[],
  recordOne: RecordOne,
): Promise<Map<string, StatusEvent[] | Error>> {
  const out = new Map<string, StatusEvent[] | Error>();
  for (const round of rounds(reports)) {
    const pending = round.filter((r) => !(out.get(r.profile.toLowerCase()) instanceof Error));
    const byDay = new Map<string, Report[]>();
    for (const r of pending) {
      const day = utcDay(new Date(r.generatedAt));
      byDay.set(day, [...(byDay.get(day) ?? []), r]);
    }
    await Promise.all([...byDay].map(([day, group]) => recordDay(client, day, group, recordOne, out)));
  }
  return out;
}

/** Splits reports so that each round names a profile at most once, keeping each profile's order. */
function rounds(reports: readonly Report[]): Report[][] {
  const seen = new Map<string, number>();
  const out: Report[][] = [];
  for (const r of reports) {
    const profile = r.profile.toLowerCase();
    const n = seen.get(profile) ?? 0;
    seen.set(profile, n + 1);
    (out[n] ??= []).push(r);
  }
  return out;
}

async function recordDay(
  client: TableClient,
  day: string,
  reports: readonly Report[],
  recordOne: RecordOne,
  out: Map<string, StatusEvent[] | Error>,
): Promise<void> {
  let planned: Planned[];
  try {
    planned = await plan(client, day, reports);
  } catch {
    // Each report on its own still gets its reads and retries, and its own error.
    await recordRows(reports, recordOne, out);
    return;
  }
  const created: string[] = [];
  for (const chunk of sizedChunks(planned)) {
    const tx = new TableTransaction();
    for (const p of chunk)
      if (p.existing) tx.updateEntity(p.entity, "Replace", { etag: p.existing.etag });
      else tx.createEntity(p.entity);
    try {
      await client.submitTransaction(tx.actions);
    } catch {
      // Nothing of the chunk was written (a transaction is all or nothing): record it row by row.
      await recordRows(
        chunk.map((p) => p.report),
        recordOne,
        out,
      );
      continue;
    }
    for (const p of chunk) {
      add(out, p.profile, p.events);
      if (!p.existing) created.push(p.entity.rowKey);
    }
  }
  await prune(client, day, created);
}

/** Today's rows with one range read; yesterday's tails, for profiles without a row yet, with one more. */
async function plan(client: TableClient, day: string, reports: readonly Report[]): Promise<Planned[]> {
  const pk = partition(day);
  const keyed = reports.map((report) => ({ report, rowKey: escapeKey(report.profile.toLowerCase()) }));
  const today = await readRowsInRange(
    client,
    pk,
    keyed.map((k) => k.rowKey),
  );
  const missing = keyed.filter((k) => !today.has(k.rowKey)).map((k) => k.rowKey);
  const yesterday =
    missing.length > 0
      ? await readRowsInRange(client, partition(shiftDay(day, -1)), missing, ["tail"])
      : new Map<string, Row>();
  return keyed.map(({ report, rowKey }) => {
    const profile = report.profile.toLowerCase();
    const existing = today.get(rowKey);
    const stored = existing ? toDay(existing, profile, day) : undefined;
    const next = appendToDay(stored, stored ? undefined : tailOf(yesterday.get(rowKey)), report);
    return {
      report,
      profile,
      entity: { partitionKey: pk, rowKey, ...toRow(next) },
      existing,
      events: next.events.slice(stored?.events.length ?? 0),
    };
  });
}

/** Chunks of at most 100 operations and MAX_TRANSACTION_BYTES, in the order given. */
function sizedChunks(planned: readonly Planned[]): Planned[][] {
  const chunks: Planned[][] = [];
  let current: Planned[] = [];
  let bytes = 0;
  for (const p of planned) {
    const size = Buffer.byteLength(JSON.stringify(p.entity)) + OPERATION_OVERHEAD_BYTES;
    if (
      current.length > 0 &&
      (current.length >= MAX_TRANSACTION_OPS || bytes + size > MAX_TRANSACTION_BYTES)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function recordRows(
  reports: readonly Report[],
  recordOne: RecordOne,
  out: Map<string, StatusEvent[] | Error>,
): Promise<void> {
  for (const report of reports) {
    const profile = report.profile.toLowerCase();
    try {
      add(out, profile, await recordOne(report));
    } catch (e: unknown) {
      out.set(profile, e instanceof Error ? e : new Error(String(e)));
    }
  }
}

function add(out: Map<string, StatusEvent[] | Error>, profile: string, events: StatusEvent[]): void {
  const before = out.get(profile);
  out.set(profile, Array.isArray(before) ? [...before, ...events] : events);
}

/**
 * Deletes the rows KEEP_DAYS old of the profiles that just got a new day row: one range read of
 * that old partition (a transaction deleting an absent row would fail as a whole), then delete
 * transactions for the rows found. Housekeeping: a failure leaves old rows that no read selects.
 */
async function prune(client: TableClient, day: string, rowKeys: readonly string[]): Promise<void> {
  if (rowKeys.length === 0) return;
  const old = partition(shiftDay(day, -KEEP_DAYS));
  try {
    const found = [...(await readRowsInRange(client, old, rowKeys, [])).keys()];
    for (let i = 0; i < found.length; i += MAX_TRANSACTION_OPS) {
      const tx = new TableTransaction();
      for (const rowKey of found.slice(i, i + MAX_TRANSACTION_OPS)) tx.deleteEntity(old, rowKey);
      await client.submitTransaction(tx.actions).catch(() => undefined);
    }
  } catch {
    // Housekeeping only: see above.
  }
}

function shiftDay(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}
