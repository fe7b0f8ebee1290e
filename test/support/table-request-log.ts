import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

export interface TableRequestCounts {
  /** Point reads and queries. */
  read: number;
  /** Entity-group transactions (`POST /$batch`). */
  transaction: number;
  /** Single-entity writes, deletes, table creation. */
  other: number;
}

const CHANNEL = "http.client.request.start";

/**
 * Counts the requests this process sends to the Table service of a connection string while `run`
 * runs, from Node's own `http.client.request.start` channel (every Azure SDK request goes through
 * node:http), so a test asserts what the storage account would bill, not what the code intends.
 * Test files run in their own process (vitest `pool: "forks"`) and their tests one at a time.
 */
export async function countTableRequests(
  connectionString: string,
  run: () => Promise<unknown>,
): Promise<TableRequestCounts> {
  const endpoint = /TableEndpoint=([^;]+)/.exec(connectionString)?.[1];
  if (!endpoint) throw new Error("countTableRequests: the connection string names no TableEndpoint");
  const port = new URL(endpoint).port;
  const counts: TableRequestCounts = { read: 0, transaction: 0, other: 0 };
  const onRequest = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (!String(request.getHeader("host") ?? "").endsWith(`:${port}`)) return;
    if (request.method === "POST" && request.path.includes("$batch")) counts.transaction += 1;
    else if (request.method === "GET") counts.read += 1;
    else counts.other += 1;
  };
  subscribe(CHANNEL, onRequest);
  try {
    await run();
  } finally {
    unsubscribe(CHANNEL, onRequest);
  }
  return counts;
}
