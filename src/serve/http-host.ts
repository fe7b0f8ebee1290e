import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import functions, { type HttpResponseInit, type LogLevel } from "@azure/functions";
import type { Runtime } from "../composition-root.js";
import type { HttpFunctionDefinition } from "../functions/definition.js";
import { problemResponse } from "../functions/http/problem.js";
import { MAX_BODY_BYTES, payloadTooLarge } from "../functions/http/request.js";
import { hostProblem, rawProblem } from "./host-problems.js";

// @azure/functions is CommonJS whose classes Node's ESM loader cannot see as named exports.
const { HttpRequest, InvocationContext } = functions;

/** Requests larger than this are refused before a handler sees them, with the handlers' own 413. */
const MAX_REQUEST_BYTES = MAX_BODY_BYTES;

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
  let actual = port;
  // Node would answer a missing Host itself with an empty 400; dispatch answers it as problem+json.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    // Nothing a client sends may become an unhandled rejection: the last resort answers 500.
    dispatch(routes, req, res, actual, log).catch((e: unknown) => {
      log("error", `${req.method ?? "?"} request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) void send(res, hostProblem(500, "Internal server error", "see the serve log"));
      else res.destroy();
    });
  });
  // Bytes that are not HTTP at all: answer 400 problem+json if the socket still takes it, then close.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
    socket.end(rawProblem(err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  server.on("error", (e) => log("error", `serve HTTP host: ${e.message}`));
  actual = (server.address() as AddressInfo).port;
  return { url: `http://localhost:${actual}/api`, close: () => closeServer(server) };
}

async function dispatch(
  routes: Route[],
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  log: (level: LogLevel, line: string) => void,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  if (req.httpVersion === "1.1" && req.headers.host === undefined)
    return send(res, {
      ...hostProblem(400, "Bad request", "An HTTP/1.1 request must carry a Host header."),
      headers: closing,
    });
  let url: URL;
  try {
    // The bound port, never the configured one (SERVE_PORT=0 picks a free port).
    url = new URL(req.url ?? "/", `http://localhost:${port}`);
  } catch {
    return send(res, {
      ...hostProblem(400, "Bad request", "the request target is not a valid URL"),
      headers: closing,
    });
  }
  const matching = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m !== null);
  const hit = matching.find((x) => (x.r.def.methods as string[]).includes(method));
  if (!hit) {
    if (matching.length === 0)
      return send(res, problemResponse("NOT_FOUND", `No route matches ${method} ${url.pathname}.`));
    const allow = [...new Set(matching.flatMap((x) => x.r.def.methods))].join(", ");
    const out = hostProblem(405, "Method not allowed", `${method} is not allowed here; use ${allow}.`);
    return send(res, { ...out, headers: { ...(out.headers as Record<string, string>), allow } });
  }
  try {
    const params = decodeParams(hit.r.names, hit.m!);
    if (params === undefined)
      return send(
        res,
        problemResponse("VALIDATION", "A route segment is not valid percent-encoded UTF-8.", [
          { path: "route", message: "is not valid percent-encoded UTF-8" },
        ]),
      );
    const body = await readBody(req);
    if (body === undefined) {
      // The connection is not reused: the rest of the body is only drained up to a limit.
      const out = problemResponse(payloadTooLarge().code, payloadTooLarge().message);
      return send(res, {
        ...out,
        headers: { ...(out.headers as Record<string, string>), connection: "close" },
      });
    }
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
    await send(
      res,
      hostProblem(500, "Internal server error", "An unexpected error occurred; see the serve log."),
    );
  }
}

const closing = { "content-type": "application/problem+json", connection: "close" };

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

/** After the cap, this much more is read and dropped so an upload can finish and see the 413. */
const DISCARD_BYTES = 32 * 1024 * 1024;

/**
 * The body, or undefined when it passes the cap. A body over the cap is read to its end and
 * dropped (a client still uploading would otherwise see EPIPE instead of the 413), up to
 * DISCARD_BYTES more; a body that never ends is answered then and its connection closed.
 */
function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= MAX_REQUEST_BYTES) return void chunks.push(chunk);
      chunks.length = 0;
      if (total > MAX_REQUEST_BYTES + DISCARD_BYTES) {
        req.off("data", onData);
        req.pause();
        resolve(undefined);
      }
    };
    req.on("data", onData);
    req.on("end", () => resolve(total > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks)));
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
