import { subscribe, type Channel } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { classifyQueue, classifyTable, type Counts } from "./counting-proxy.js";

export interface StorageCounts {
  table: Counts;
  queue: Counts;
  /** Table requests by kind, table and shape (`read reports point`, `batch state`, …). */
  tableDetail: Counts;
}

/**
 * Counts every request this process sends to the Table and Queue services, by kind, from Node's
 * own `http.client.request.start` diagnostics channel: no proxy between the SDK and Azurite
 * (a forwarding proxy stalled the per-profile-GET baseline), nothing changed in the app. Every
 * Azure SDK request goes through node:http, so this sees exactly the transactions the app makes.
 */
export function countStorageRequests(connectionString: string): StorageCounts {
  const port = (name: string) => {
    const url = new RegExp(`${name}=([^;]+)`).exec(connectionString)?.[1];
    return url ? new URL(url).port : undefined;
  };
  const tablePort = port("TableEndpoint");
  const queuePort = port("QueueEndpoint");
  const counts: StorageCounts = { table: {}, queue: {}, tableDetail: {} };
  subscribe("http.client.request.start", (message: unknown, _name: Channel["name"]) => {
    const request = (message as { request: ClientRequest }).request;
    const [, hostPort] = /:(\d+)$/.exec(String(request.getHeader("host") ?? "")) ?? [];
    const into =
      hostPort === tablePort
        ? { c: counts.table, kind: classifyTable(request.method, request.path) }
        : hostPort === queuePort
          ? { c: counts.queue, kind: classifyQueue(request.method, request.path) }
          : undefined;
    if (into) into.c[into.kind] = (into.c[into.kind] ?? 0) + 1;
    if (hostPort === tablePort && into) {
      const detail = `${into.kind} ${tableDetail(request.path)}`;
      counts.tableDetail[detail] = (counts.tableDetail[detail] ?? 0) + 1;
    }
  });
  return counts;
}

/** `<table> point|query` from a Table service path (`/account/table(PK,RK)` or `/account/table()?$filter`). */
function tableDetail(path: string): string {
  const [, table = "?", rest = ""] = /^\/[^/]+\/([^/(?]+)(.*)$/.exec(path) ?? [];
  if (table === "$batch") return "(transaction)";
  return `${table.replace(/\d+$/, "")} ${/PartitionKey=/.test(decodeURIComponent(rest)) ? "point" : "query"}`;
}
