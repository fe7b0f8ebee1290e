import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * The bench's stand-in endpoints: one HTTP server per port, many targets per port by path.
 * `/d/{ms}/{i}` answers 200 after {ms} ms; `/hang/{i}` accepts and never answers.
 * Runs in its own process so its sockets and memory do not count against the prober's.
 */
export async function serveBenchEndpoints(
  portCount: number,
): Promise<{ ports: number[]; close(): Promise<void> }> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  for (let i = 0; i < portCount; i++) {
    const server = createServer((req, res) => {
      const [, kind, arg] = (req.url ?? "/").split("/");
      if (kind === "hang") return;
      const timer = setTimeout(() => res.end("ok"), kind === "d" ? Number(arg) : 0);
      res.on("close", () => clearTimeout(timer));
    });
    server.keepAliveTimeout = 5000;
    server.on("connection", (s: Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve) =>
      server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, resolve),
    );
    servers.push(server);
  }
  return {
    ports: servers.map((s) => (s.address() as AddressInfo).port),
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}
