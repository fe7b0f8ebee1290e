import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RawArmProfile } from "./builders/arm-raw-profile.js";
import { patchEndpoint, patchProfile } from "./arm-patch.js";
import { makeCert } from "./tls-cert.js";

/**
 * A fault injected for every request about one subscription; `times` bounds it (default:
 * persistent) and `onlyPath` limits it to matching request paths.
 */
export type ArmFault = { onlyPath?: RegExp } & (
  | { kind: "throttle"; retryAfterSeconds: number; times?: number }
  | { kind: "status"; status: number; code: string; message?: string; times?: number }
  | { kind: "slow"; delayMs: number; times?: number }
  | { kind: "malformed"; times?: number }
  | { kind: "crash"; times?: number }
);

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  subscriptionId?: string;
  /** The bearer token presented, if any. */
  token?: string;
  status: number;
}

export interface ArmServer {
  /** Base URL for ARM_ENDPOINT / the client's `endpoint`. */
  url: string;
  /** PEM of the self-signed certificate (trust via `tlsOptions.ca` or NODE_EXTRA_CA_CERTS). */
  ca: string;
  /** Raw ARM profiles served, by lower-case ID. */
  profiles: Map<string, RawArmProfile>;
  put(...profiles: RawArmProfile[]): void;
  remove(id: string): void;
  inject(subscriptionId: string, fault: ArmFault | undefined): void;
  /** When set, list responses hold at most this many profiles and carry a nextLink. */
  pageSize: number | undefined;
  requests: RecordedRequest[];
  /** Runs before every request is answered (the Traffic Manager model syncs statuses here). */
  beforeRequest?: () => void;
  close(): Promise<void>;
}

export interface ArmServerOptions {
  /** Which bearer tokens are valid (e.g. the ones the identity endpoint issued); others get 401. */
  acceptsToken: (token: string) => boolean;
}

const PROFILES = "providers/microsoft\\.network/trafficmanagerprofiles";
const ROUTES = {
  bySubscription: new RegExp(`^/subscriptions/([^/]+)/${PROFILES}$`, "i"),
  byResourceGroup: new RegExp(`^/subscriptions/([^/]+)/resourcegroups/([^/]+)/${PROFILES}$`, "i"),
  profile: new RegExp(`^/subscriptions/([^/]+)/resourcegroups/([^/]+)/${PROFILES}/([^/]+)$`, "i"),
  endpoint: new RegExp(
    `^/subscriptions/([^/]+)/resourcegroups/([^/]+)/${PROFILES}/([^/]+)/([^/]+)/([^/]+)$`,
    "i",
  ),
};

/** A stand-in for the ARM routes tm-sentinel uses, over HTTPS on 127.0.0.1 with a fresh self-signed cert. */
export async function startArmServer(options: ArmServerOptions): Promise<ArmServer> {
  const { key, cert } = await makeCert();
  const faults = new Map<string, ArmFault>();
  const state: ArmServer = {
    url: "",
    ca: cert,
    profiles: new Map(),
    put: (...ps) => ps.forEach((p) => state.profiles.set(p.id.toLowerCase(), p)),
    remove: (id) => void state.profiles.delete(id.toLowerCase()),
    inject: (sub, fault) => (fault ? faults.set(sub.toLowerCase(), fault) : faults.delete(sub.toLowerCase())),
    pageSize: undefined,
    requests: [],
    close: () => Promise.resolve(),
  };
  const server: Server = createServer({ key, cert }, (req, res) => {
    void handle(req, res, state, faults, options).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `https://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  state.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    });
  return state;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: ArmServer,
  faults: Map<string, ArmFault>,
  options: ArmServerOptions,
): Promise<void> {
  const url = new URL(req.url ?? "/", state.url);
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, "");
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1]?.toLowerCase();
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  const record: RecordedRequest = { method: req.method ?? "GET", path, query: url.searchParams, status: 0 };
  if (subscriptionId !== undefined) record.subscriptionId = subscriptionId;
  if (token !== undefined) record.token = token;
  state.requests.push(record);
  const body = await readBody(req);
  const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
    record.status = status;
    const text = typeof payload === "string" ? payload : JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(text);
  };

  if (token === undefined || !options.acceptsToken(token)) {
    send(401, armError("InvalidAuthenticationToken", "The access token is missing or invalid."));
    return;
  }
  const fault = subscriptionId === undefined ? undefined : takeFault(faults, subscriptionId, path);
  if (fault?.kind === "throttle") {
    send(429, armError("TooManyRequests", "Too many requests."), {
      "retry-after": String(fault.retryAfterSeconds),
    });
    return;
  }
  if (fault?.kind === "status") {
    send(fault.status, armError(fault.code, fault.message ?? `Injected ${fault.code}.`));
    return;
  }
  if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault?.kind === "crash") {
    // The connection drops mid-request, as when ARM's front end dies: no status at all.
    res.destroy();
    return;
  }
  if (fault?.kind === "malformed") {
    send(200, '{"value": [{"id": "/subscriptions/');
    return;
  }
  if (res.destroyed) return;
  state.beforeRequest?.();
  route(req.method ?? "GET", path, url, body, state, send);
}

function route(
  method: string,
  path: string,
  url: URL,
  body: string,
  state: ArmServer,
  send: (status: number, payload: unknown) => void,
): void {
  const all = [...state.profiles.values()];
  let m = ROUTES.bySubscription.exec(path);
  if (m && method === "GET")
    return sendList(
      all.filter((p) => segment(p.id, 2) === low(m![1])),
      url,
      state,
      send,
    );
  m = ROUTES.byResourceGroup.exec(path);
  if (m && method === "GET") {
    const [s, rg] = [low(m[1]), low(m[2])];
    return sendList(
      all.filter((p) => segment(p.id, 2) === s && segment(p.id, 4) === rg),
      url,
      state,
      send,
    );
  }
  m = ROUTES.profile.exec(path);
  if (m && (method === "GET" || method === "PATCH")) {
    const profile = state.profiles.get(profileIdOf(m).toLowerCase());
    if (!profile) return send(404, notFound(profileIdOf(m)));
    if (method === "PATCH") {
      const refused = patchProfile(profile, body);
      if (refused) return send(400, refused);
    }
    return send(200, profile);
  }
  m = ROUTES.endpoint.exec(path);
  if (m && (method === "GET" || method === "PATCH")) {
    const profile = state.profiles.get(profileIdOf(m).toLowerCase());
    const endpoint = profile?.properties.endpoints.find(
      (e) => e.name.toLowerCase() === low(m[5]) && e.type.toLowerCase().endsWith(`/${low(m[4])}`),
    );
    if (!endpoint) return send(404, notFound(path));
    if (method === "PATCH") {
      const refused = patchEndpoint(profile!, endpoint, body);
      if (refused) return send(400, refused);
    }
    return send(200, endpoint);
  }
  send(404, armError("NoRegisteredProviderFound", `No route for ${method} ${path}.`));
}

function sendList(
  profiles: RawArmProfile[],
  url: URL,
  state: ArmServer,
  send: (s: number, p: unknown) => void,
) {
  if (state.pageSize === undefined) return send(200, { value: profiles });
  const skip = Number(url.searchParams.get("$skiptoken") ?? "0");
  const page = profiles.slice(skip, skip + state.pageSize);
  const next = new URL(url);
  next.searchParams.set("$skiptoken", String(skip + state.pageSize));
  send(200, skip + state.pageSize < profiles.length ? { value: page, nextLink: next.href } : { value: page });
}

function takeFault(faults: Map<string, ArmFault>, sub: string, path: string): ArmFault | undefined {
  const fault = faults.get(sub);
  if (fault?.onlyPath && !fault.onlyPath.test(path)) return undefined;
  if (fault?.times === undefined) return fault;
  if (fault.times <= 1) faults.delete(sub);
  else faults.set(sub, { ...fault, times: fault.times - 1 });
  return fault;
}

function profileIdOf(m: RegExpExecArray): string {
  return `/subscriptions/${m[1]!}/resourceGroups/${m[2]!}/providers/Microsoft.Network/trafficManagerProfiles/${m[3]!}`;
}

const low = (s: string | undefined): string => (s ?? "").toLowerCase();
const segment = (id: string, i: number): string => low(id.split("/")[i]);

function armError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function notFound(id: string) {
  return armError("ResourceNotFound", `The Resource '${id}' was not found.`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
