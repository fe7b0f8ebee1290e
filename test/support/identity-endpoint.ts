import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A token handed out by the local identity endpoint. */
export interface IssuedToken {
  resource: string;
  token: string;
  /** The user-assigned identity asked for (`client_id` query parameter), if any. */
  clientId?: string;
}

/** A running App Service–style managed-identity token endpoint on 127.0.0.1. */
export interface IdentityEndpoint {
  /** Value for IDENTITY_ENDPOINT, e.g. `http://127.0.0.1:41234/msi/token`. */
  endpoint: string;
  /** Value for IDENTITY_HEADER; requests without it in `X-IDENTITY-HEADER` get 401. */
  header: string;
  /** Every token issued, in order (so tests can compare with what reached the resource server). */
  issued: IssuedToken[];
  close(): Promise<void>;
}

const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Starts a stand-in for the App Service managed-identity endpoint (API 2019-08-01).
 * Plain http, as App Service itself serves it on localhost: @azure/identity sets
 * allowInsecureConnection for managed-identity requests, so http:// is accepted.
 */
export async function startIdentityEndpoint(): Promise<IdentityEndpoint> {
  const header = randomBytes(16).toString("hex");
  const issued: IssuedToken[] = [];

  const server = createServer((req, res) => {
    handleTokenRequest(req, res, header, issued);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${String(port)}/msi/token`,
    header,
    issued,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  header: string,
  issued: IssuedToken[],
): void {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (req.method !== "GET" || url.pathname !== "/msi/token") {
    sendJson(res, 404, { error: "not_found", error_description: `no route ${url.pathname}` });
    return;
  }
  if (req.headers["x-identity-header"] !== header) {
    sendJson(res, 401, { error: "unauthorized", error_description: "X-IDENTITY-HEADER missing or wrong" });
    return;
  }
  const resource = url.searchParams.get("resource");
  if (url.searchParams.get("api-version") !== "2019-08-01" || !resource) {
    sendJson(res, 400, {
      error: "invalid_request",
      error_description: "api-version=2019-08-01 and resource required",
    });
    return;
  }
  const token = `mi-${randomBytes(24).toString("hex")}`;
  const clientId = url.searchParams.get("client_id");
  issued.push(clientId === null ? { resource, token } : { resource, token, clientId });
  sendJson(res, 200, {
    access_token: token,
    expires_on: String(Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_SECONDS),
    resource,
    token_type: "Bearer",
    client_id: clientId ?? "00000000-0000-0000-0000-000000000000",
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
