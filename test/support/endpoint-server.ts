import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";

/** A request the stand-in endpoint received (path and lower-case headers). */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** SNI the client sent (HTTPS only); false when it sent none. */
  servername?: string | false;
}

export interface EndpointServer {
  port: number;
  host: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export interface EndpointServerOptions {
  /** "127.0.0.1" by default; "::1" for the IPv6 loopback. */
  host?: string;
  /** Serve HTTPS with this certificate. */
  tls?: { cert: string; key: string };
}

/**
 * A web app stand-in whose behaviour is chosen by path:
 * `/status/NNN` answers NNN (a 301 carries a Location), `/slow/MS` answers 200 after MS ms,
 * `/hang` accepts and never answers, `/reset` resets the connection, anything else answers 200.
 */
export async function startEndpointServer(options: EndpointServerOptions = {}): Promise<EndpointServer> {
  const host = options.host ?? "127.0.0.1";
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? "/";
    const sni = (req.socket as Partial<TLSSocket>).servername ?? undefined;
    requests.push({
      method: req.method ?? "",
      path,
      headers: req.headers,
      ...(sni === undefined ? {} : { servername: sni }),
    });
    const [, kind, arg] = path.split("/");
    if (kind === "status") {
      const code = Number(arg);
      res
        .writeHead(code, code >= 300 && code < 400 ? { location: "/elsewhere" } : {})
        .end(code === 204 ? undefined : "x");
    } else if (kind === "slow") {
      const timer = setTimeout(() => res.end("late"), Number(arg));
      timers.add(timer);
    } else if (kind === "hang") {
      // Accepted and read, never answered.
    } else if (kind === "reset") {
      req.socket.resetAndDestroy();
    } else {
      res.end("ok");
    }
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    host,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(host = "127.0.0.1"): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
