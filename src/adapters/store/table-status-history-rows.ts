import type { TableClient, TableEntityResult } from "@azure/data-tables";
import type { HistoryDay, HistoryTail, StatusEvent } from "../../core/status/status-history.js";
import { tableStatus } from "./table-errors.js";
import { fromChunks, toChunks } from "./table-keys.js";

/**
 * The status history's rows in the reports table: PartitionKey `status-<YYYY-MM-DD>` (no report
 * partition looks like that: those hold an escaped `sub/rg/name` or `latest`), RowKey the escaped
 * profile, one row per profile and UTC day.
 */
export const DAY_MS = 86_400_000;
/** A row this many days old is deleted when the profile's next day row is created. */
export const KEEP_DAYS = 8;
const MAX_PARTS = 8;

export type Row = Record<string, unknown>;

export const partition = (day: string): string => `status-${day}`;

export const chunkNames = (name: string): string[] => [
  `${name}Parts`,
  ...Array.from({ length: MAX_PARTS }, (_, i) => `${name}${i}`),
];

export function toRow(day: HistoryDay): Record<string, string | number> {
  return {
    profile: day.profile,
    day: day.day,
    names: JSON.stringify(day.names),
    tail: JSON.stringify(day.tail),
    ...toChunks("s", JSON.stringify(day.samples)),
    ...toChunks("e", JSON.stringify(day.events)),
  };
}

export function toDay(row: Row, profile: string, day: string): HistoryDay {
  const parse = <T>(text: string | undefined, fallback: T): T =>
    text === undefined ? fallback : (JSON.parse(text) as T);
  const names = typeof row["names"] === "string" ? row["names"] : undefined;
  const tail = typeof row["tail"] === "string" ? row["tail"] : undefined;
  return {
    profile,
    day,
    names: parse<string[]>(names, []),
    samples: parse<HistoryDay["samples"]>(fromChunks("s", row), []),
    events: parse<StatusEvent[]>(fromChunks("e", row), []),
    tail: parse<HistoryTail>(tail, { at: `${day}T00:00:00.000Z`, serving: null, problems: [] }),
  };
}

/** The tail a stored row ends with, if it has one. */
export function tailOf(row: Row | undefined): HistoryTail | undefined {
  return typeof row?.["tail"] === "string" ? (JSON.parse(row["tail"]) as HistoryTail) : undefined;
}

export async function getRow(
  client: TableClient,
  pk: string,
  rk: string,
): Promise<TableEntityResult<Row> | undefined> {
  try {
    return await client.getEntity<Row>(pk, rk);
  } catch (e: unknown) {
    if (tableStatus(e) === 404) return undefined;
    throw e;
  }
}
