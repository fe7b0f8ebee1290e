import { odata, type TableClient, type TableEntityResult } from "@azure/data-tables";

/** An entity group transaction holds at most 100 operations, all in one partition. */
export const MAX_TRANSACTION_OPS = 100;

/** Groups items by partition key, then cuts each group into transaction-sized chunks. */
export function transactionChunks<T>(items: readonly T[], partitionOf: (item: T) => string): T[][] {
  const byPartition = new Map<string, T[]>();
  for (const item of items) {
    const pk = partitionOf(item);
    const list = byPartition.get(pk) ?? [];
    list.push(item);
    byPartition.set(pk, list);
  }
  const chunks: T[][] = [];
  for (const list of byPartition.values())
    for (let i = 0; i < list.length; i += MAX_TRANSACTION_OPS)
      chunks.push(list.slice(i, i + MAX_TRANSACTION_OPS));
  return chunks;
}

/**
 * The rows of one partition whose RowKey is among `rowKeys`, with one range query (rows between
 * the smallest and the largest key that were not asked for are read and dropped). Callers ask
 * for keys that sort together, e.g. one queue message's profiles, so the range stays tight.
 */
export async function readRowsInRange(
  client: TableClient,
  partitionKey: string,
  rowKeys: readonly string[],
  /** Properties to read (RowKey is always read); every property when absent. */
  select?: readonly string[],
): Promise<Map<string, TableEntityResult<Record<string, unknown>>>> {
  const out = new Map<string, TableEntityResult<Record<string, unknown>>>();
  if (rowKeys.length === 0) return out;
  const wanted = new Set(rowKeys);
  const sorted = [...wanted].sort();
  const [low, high] = [sorted[0]!, sorted[sorted.length - 1]!];
  const pages = client.listEntities<Record<string, unknown>>({
    queryOptions: {
      filter: odata`PartitionKey eq ${partitionKey} and RowKey ge ${low} and RowKey le ${high}`,
      ...(select && { select: ["RowKey", ...select] }),
    },
  });
  for await (const entity of pages) if (wanted.has(entity.rowKey!)) out.set(entity.rowKey!, entity);
  return out;
}

/**
 * The rows of the given partitions that match `rowFilter` (an OData expression over the row),
 * with one query over the partition range from the smallest to the largest key; rows of
 * partitions in between that were not asked for are dropped. A queue message's profiles sort
 * together (they are packed in key order), so the range stays tight. The service pages such a
 * query at 1,000 rows and may also page at a partition-server boundary, so it is one request
 * per page, not one per partition.
 */
export async function readPartitionsInRange(
  client: TableClient,
  partitionKeys: readonly string[],
  rowFilter: string,
): Promise<Map<string, TableEntityResult<Record<string, unknown>>[]>> {
  const out = new Map<string, TableEntityResult<Record<string, unknown>>[]>();
  if (partitionKeys.length === 0) return out;
  for (const pk of partitionKeys) out.set(pk, []);
  const sorted = [...out.keys()].sort();
  const [low, high] = [sorted[0]!, sorted[sorted.length - 1]!];
  const pages = client.listEntities<Record<string, unknown>>({
    queryOptions: {
      filter: `${odata`PartitionKey ge ${low} and PartitionKey le ${high}`} and (${rowFilter})`,
    },
  });
  for await (const entity of pages) out.get(entity.partitionKey!)?.push(entity);
  return out;
}
