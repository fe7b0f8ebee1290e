import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import functions, { type HttpResponseInit, type LogLevel } from "@azure/functions";
import type { Runtime } from "../composition-root.js";
import type { HttpFunctionDefinition } from "../functions/definition.js";

// @azure/functions is CommonJS whose classes Node's ESM loader cannot see as named exports.
const { HttpRequest, InvocationContext } = functions;

/** Requests larger than this are refused before a handler sees them (handlers cap bodies lower). */
const MAX_REQUEST_BYTES = 1024 * 1024;

interface Route {
  def: HttpFunctionDefinition;
  pattern: RegExp;
  names: string[];
  handler: ReturnType<HttpFunctionDefinition["create"]>;
}

/** `profiles/{sub}/{rg}/{name}` → a regex with one group per parameter (`{x?}` optional, `{x:alpha}` constraint ignored). */
export function compileRoute(route: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = route
    .split("/")
    .map((segment) => {
      const m = /^\{([A-Za-z0-9_]+)(?::[^}?]*)?(\?)?\}$/.exec(segment);
      if (!m) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
      names.push(m[1]!);
      return m[2] ? "(?:/([^/]*))?" : "/([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^/api${source}/?$`, "i"), names };
}

export interface HttpHost {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the app's HTTP function definitions like the Functions host does at /api/…, converting
 * node:http requests to HttpRequest and HttpResponseInit back. Function keys are NOT enforced:
 * it listens on 127.0.0.1 only and is a local development host.
 */
export async function startHttpHost(
  rt: Runtime,
  definitions: readonly HttpFunctionDefinition[],
  port: number,
  log: (level: LogLevel, line: string) => void,
): Promise<HttpHost> {
  const routes: Route[] = definitions.map((def) => ({
    def,
    ...compileRoute(def.route),
    handler: def.create(rt),
  }));
  const server = createServer((req, res) => {
    void dispatch(routes, req, res, port, log);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return { url: `http://localhost:${actual}/api`, close: () => closeServer(server) };
}

async function dispatch(
  routes: Route[],
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  log: (level: LogLevel, line: string) => void,
): Promise<void> {
  const url = new URL(req.url ?? "/", `http://localhost:${port}`);
  const method = (req.method ?? "GET").toUpperCase();
  const matching = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m !== null);
  const hit = matching.find((x) => (x.r.def.methods as string[]).includes(method));
  if (!hit) {
    const status = matching.length > 0 ? 405 : 404;
    return send(res, {
      status,
      jsonBody: {
        type: "about:blank",
        title: status === 405 ? "Method not allowed" : "Not found",
        status,
        detail: `${method} ${url.pathname}`,
      },
      headers: { "content-type": "application/problem+json" },
    });
  }
  try {
    const params = decodeParams(hit.r.names, hit.m!);
    if (params === undefined)
      return send(res, {
        status: 400,
        jsonBody: {
          type: "about:blank",
          title: "Bad request",
          status: 400,
          detail: "a route segment is not valid percent-encoded UTF-8",
        },
        headers: { "content-type": "application/problem+json" },
      });
    const body = await readBody(req);
    if (body === undefined)
      // The rest of the body is never read, so the connection cannot be reused.
      return send(res, {
        status: 413,
        jsonBody: {
          type: "about:blank",
          title: "Request body too large",
          status: 413,
          detail: `over ${MAX_REQUEST_BYTES} bytes`,
        },
        headers: { "content-type": "application/problem+json", connection: "close" },
      });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      query: Object.fromEntries(url.searchParams),
      params,
      ...(body.length > 0 && method !== "GET" && method !== "HEAD" ? { body: { bytes: body } } : {}),
    });
    const context = new InvocationContext({
      functionName: hit.r.def.name,
      logHandler: (level, ...args) => log(level, `[${hit.r.def.name}] ${args.map(String).join(" ")}`),
    });
    const out = await hit.r.handler(request, context);
    log("information", `${method} ${url.pathname} → ${out.status ?? 200}`);
    await send(res, out);
  } catch (e: unknown) {
    log("error", `${method} ${url.pathname} failed: ${e instanceof Error ? e.message : String(e)}`);
    await send(res, {
      status: 500,
      jsonBody: {
        type: "about:blank",
        title: "Internal server error",
        status: 500,
        detail: "see the serve log",
      },
      headers: { "content-type": "application/problem+json" },
    });
  }
}

function decodeParams(names: string[], m: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    names.forEach((name, i) => {
      const value = m[i + 1];
      if (value !== undefined) params[name] = decodeURIComponent(value);
    });
  } catch {
    return undefined; // URIError: the client's mistake, not a 500
  }
  return params;
}

/** The body, or undefined as soon as it passes the cap: a chunked upload is not read to its end. */
function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= MAX_REQUEST_BYTES) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve(undefined);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function send(res: ServerResponse, out: HttpResponseInit): Promise<void> {
  const headers = new Headers(out.headers);
  let body: string | Uint8Array = "";
  if (out.jsonBody !== undefined) {
    body = JSON.stringify(out.jsonBody);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  } else if (typeof out.body === "string") body = out.body;
  else if (out.body instanceof Uint8Array) body = out.body;
  else if (out.body !== undefined && out.body !== null)
    body = new Uint8Array(
      await new Response(out.body as ConstructorParameters<typeof Response>[0]).arrayBuffer(),
    );
  res.statusCode = out.status ?? 200;
  headers.forEach((value, name) => res.setHeader(name, value));
  res.end(body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
