import { TableTransaction, type TableClient, type TableEntityResult } from "@azure/data-tables";
import { createHash } from "node:crypto";
import pLimit from "p-limit";
import type { Report } from "../../core/report.js";
import { reportOutcome } from "../../core/report-outcome.js";
import { tableStatus, upstream } from "./table-errors.js";
import { readRowsInRange, transactionChunks } from "./table-batches.js";
import { escapeKey, toChunks } from "./table-keys.js";

export const LATEST = "latest";

/** History rows live in one partition per profile, so they are written one by one, this many at once. */
const HISTORY_CONCURRENCY = 16;
/** Attempts of the one-row conditional write a chunk falls back to after a lost race. */
const MAX_ROW_ATTEMPTS = 5;

type Row = Record<string, unknown> & {
  partitionKey: string;
  rowKey: string;
  generatedAt: string;
  outcome: string;
};

function reportRows(report: Report): { history: Row; latest: Row } {
  const key = report.profile.toLowerCase();
  const partitionKey = escapeKey(key);
  const body = {
    profile: key,
    generatedAt: report.generatedAt,
    // A digest of what the report says (core/report-outcome.ts): history keeps changes only.
    outcome: createHash("sha256").update(reportOutcome(report)).digest("base64url"),
    ...toChunks("report", JSON.stringify(report)),
  };
  return {
    history: { partitionKey, rowKey: `r${report.generatedAt}`, ...body },
    latest: { partitionKey: LATEST, rowKey: partitionKey, ...body },
  };
}

/**
 * Whether a report needs a history row: the history keeps a report when what it says differs
 * from the latest report stored before it (or there is none, or that one predates the digest).
 */
function changesHistory(row: Row, current: Record<string, unknown> | undefined): boolean {
  return current?.outcome !== row.outcome;
}

/**
 * Saves many reports. The `latest` rows, which share one partition, are read with one range query
 * per chunk of up to 100; a report whose outcome differs from its stored latest gets a history row
 * (one partition per profile, so those are written one by one; a quiet profile writes none); then
 * the chunk's `latest` rows go in one entity-group transaction. A `latest` row is only ever
 * replaced by a newer report: the transaction holds `create` for absent rows and an
 * ETag-conditional `update` for older ones, and skips rows that are already newer. If another
 * writer gets in between (the transaction fails as a whole with 409/412), that chunk falls back
 * to the same rule row by row. A history write that fails leaves that profile's `latest` alone.
 * @returns failed profiles with their errors (the others are stored), and the `generatedAt` of
 * the latest report each profile had before (where the batch read it).
 */
export async function saveReportBatch(
  client: TableClient,
  reports: readonly Report[],
): Promise<{ failed: Map<string, Error>; previous: Map<string, string> }> {
  const failed = new Map<string, Error>();
  const previous = new Map<string, string>();
  const rows = reports.map((r) => ({ profile: r.profile.toLowerCase(), ...reportRows(r) }));
  const limit = pLimit(HISTORY_CONCURRENCY);
  for (const chunk of transactionChunks(rows, (r) => r.latest.partitionKey)) {
    let current: Map<string, TableEntityResult<Record<string, unknown>>>;
    try {
      current = await readRowsInRange(
        client,
        LATEST,
        chunk.map((r) => r.latest.rowKey),
      );
    } catch (e: unknown) {
      for (const r of chunk) failed.set(r.profile, upstream("read of the latest audit reports", e));
      continue;
    }
    for (const existing of current.values())
      if (typeof existing.profile === "string" && typeof existing.generatedAt === "string")
        previous.set(existing.profile, existing.generatedAt);
    await Promise.all(
      chunk
        .filter((r) => changesHistory(r.latest, current.get(r.latest.rowKey)))
        .map((r) =>
          limit(async () => {
            try {
              await client.upsertEntity(r.history, "Replace");
            } catch (e: unknown) {
              failed.set(r.profile, upstream("write of the audit report", e));
            }
          }),
        ),
    );
    const latestRows = chunk.filter((r) => !failed.has(r.profile));
    try {
      await writeLatestChunk(
        client,
        latestRows.map((r) => r.latest),
        current,
      );
    } catch {
      for (const r of latestRows) {
        try {
          await writeLatestRow(client, r.latest);
        } catch (e: unknown) {
          failed.set(r.profile, upstream("write of the latest audit report", e));
        }
      }
    }
  }
  return { failed, previous };
}

async function writeLatestChunk(
  client: TableClient,
  rows: readonly Row[],
  current: ReadonlyMap<string, TableEntityResult<Record<string, unknown>>>,
): Promise<void> {
  const tx = new TableTransaction();
  for (const row of rows) {
    const existing = current.get(row.rowKey);
    if (!existing) tx.createEntity(row);
    else if (isNewer(row, existing)) tx.updateEntity(row, "Replace", { etag: existing.etag });
  }
  if (tx.actions.length > 0) await client.submitTransaction(tx.actions);
}

/** The one-row form of the same rule, retried while other writers keep winning the race. */
async function writeLatestRow(client: TableClient, row: Row): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const existing = (await readRowsInRange(client, LATEST, [row.rowKey])).get(row.rowKey);
    try {
      if (!existing) await client.createEntity(row);
      else if (isNewer(row, existing)) await client.updateEntity(row, "Replace", { etag: existing.etag });
      return;
    } catch (e: unknown) {
      const status = tableStatus(e);
      if ((status === 409 || status === 412) && attempt < MAX_ROW_ATTEMPTS) continue;
      throw e;
    }
  }
}

function isNewer(row: Row, existing: Record<string, unknown>): boolean {
  const stored = typeof existing.generatedAt === "string" ? Date.parse(existing.generatedAt) : Number.NaN;
  const incoming = Date.parse(String(row.generatedAt));
  return Number.isNaN(stored) || incoming >= stored;
}

/**
 * Whether a save from `before` to `after` crosses the profile's daily pruning moment: each
 * profile gets its own moment (a hash of its key spread over the day), so pruning happens once a
 * day per profile, however many processes save it and however short they live, and a cycle
 * prunes about 1/288 of the estate rather than all of it at midnight.
 */
export function crossesPruneMoment(profile: string, before: string, after: string): boolean {
  let hash = 0;
  for (let i = 0; i < profile.length; i++) hash = (hash * 31 + profile.charCodeAt(i)) >>> 0;
  const offset = hash % DAY_MS;
  const day = (iso: string) => Math.floor((Date.parse(iso) + offset) / DAY_MS);
  return day(after) !== day(before);
}

const DAY_MS = 86_400_000;
