import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { IssuedToken } from "./identity-endpoint.js";
import { makeCert } from "./tls-cert.js";

/** What ACS received and accepted (one per Operation-Id, like the service's de-duplication). */
export interface AcsSentEmail {
  operationId: string;
  body: {
    senderAddress: string;
    content: { subject: string; plainText?: string; html?: string };
    recipients: { to: { address: string }[] };
  };
  token: string;
}

export interface AcsEmailServer {
  endpoint: string;
  ca: string;
  sent: AcsSentEmail[];
  /** Requests refused for a missing or unknown bearer token. */
  unauthorized: number;
  /** Answer the next send with this status (e.g. 429 + Retry-After, 400). */
  failNextSend(status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/**
 * A stand-in of the ACS e-mail REST routes @azure/communication-email calls: `POST
 * /emails:send` (202 + Operation-Location) and `GET /emails/operations/{id}` (status). Only
 * bearer tokens issued by the local identity endpoint are accepted.
 */
export async function startAcsEmailServer(issued: readonly IssuedToken[]): Promise<AcsEmailServer> {
  const { cert, key } = await makeCert({ commonName: "acs.localhost" });
  const sent: AcsSentEmail[] = [];
  const state = {
    unauthorized: 0,
    fail: undefined as { status: number; headers: Record<string, string> } | undefined,
  };
  let base = "";

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? "/", base);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const known = issued.find(
      (t) => t.token === token && t.resource.startsWith("https://communication.azure.com"),
    );
    if (!token || !known) {
      state.unauthorized += 1;
      return json(res, 401, { error: { code: "Unauthorized", message: "bearer token missing or unknown" } });
    }
    if (!url.searchParams.get("api-version"))
      return json(res, 400, { error: { code: "MissingApiVersion", message: "api-version" } });
    if (req.method === "POST" && url.pathname === "/emails:send") {
      if (state.fail) {
        const { status, headers } = state.fail;
        state.fail = undefined;
        return json(
          res,
          status,
          {
            error: {
              code: status === 429 ? "TooManyRequests" : "BadRequest",
              message: `refused with ${String(status)}`,
            },
          },
          headers,
        );
      }
      const operationId = String(req.headers["operation-id"] ?? "");
      if (!sent.some((s) => s.operationId === operationId))
        sent.push({ operationId, body: JSON.parse(raw) as AcsSentEmail["body"], token });
      const location = `${base}/emails/operations/${operationId}?api-version=${url.searchParams.get("api-version") ?? ""}`;
      return json(
        res,
        202,
        { id: operationId, status: "Running" },
        { "operation-location": location, "operation-id": operationId, "retry-after": "0" },
      );
    }
    const op = /^\/emails\/operations\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && op) {
      const found = sent.some((s) => s.operationId === op[1]);
      return found
        ? json(res, 200, { id: op[1], status: "Succeeded" })
        : json(res, 404, { error: { code: "NotFound", message: "no such operation" } });
    }
    json(res, 404, { error: { code: "NotFound", message: `no route ${req.method ?? ""} ${url.pathname}` } });
  };

  const server: Server = createServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    endpoint: base,
    ca: cert,
    sent,
    get unauthorized() {
      return state.unauthorized;
    },
    failNextSend(status, headers = {}) {
      state.fail = { status, headers };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
