import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What went through a proxy, by kind (see classify). */
export type Counts = Record<string, number>;

export interface CountingProxy {
  url: string;
  counts: Counts;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A plain HTTP proxy in front of one Azurite service that counts requests by kind, so the bench
 * sees exactly the storage transactions the app makes (shared-key signatures cover the path, not
 * the host, so forwarding keeps them valid).
 */
export async function startCountingProxy(
  target: string,
  classify: (method: string, path: string) => string,
): Promise<CountingProxy> {
  const to = new URL(target);
  const counts: Counts = {};
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    const kind = classify(req.method ?? "GET", path);
    counts[kind] = (counts[kind] ?? 0) + 1;
    const upstream = request(
      // A fresh connection per request: a keep-alive socket Azurite closed would fail the request.
      { host: to.hostname, port: to.port, method: req.method, path, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    counts,
    reset: () => {
      for (const k of Object.keys(counts)) delete counts[k];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Table service: an entity-group transaction, a query/point read, or a single-entity write. */
export function classifyTable(method: string, path: string): string {
  if (method === "POST" && /\/\$batch/.test(path)) return "batch";
  if (method === "GET") return "read";
  if (/\/Tables(\(|\?|$)/.test(path)) return "table-admin";
  return "write";
}

/** Queue service: messages sent, receives, deletes/updates, and the rest. */
export function classifyQueue(method: string, path: string): string {
  const messages = /\/messages/.test(path);
  if (messages && method === "POST") return "send";
  if (messages && method === "GET") return "receive";
  if (messages && (method === "DELETE" || method === "PUT")) return "complete";
  return "admin";
}
