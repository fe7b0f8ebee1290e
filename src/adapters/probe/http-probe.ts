import { performance } from "node:perf_hooks";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { buildConnector, Client } from "undici";
import type { Dispatcher } from "undici";
import type { CertificateFacts, ProbeResult } from "../../core/probe-result.js";
import { isExpectedStatus } from "../../core/probe-status.js";
import { formatHostForUrl, isIpLiteral, type ProbeTarget } from "../../core/probe-target.js";
import { readCertificateFacts } from "./certificate-facts.js";
import { classifyError } from "./classify-error.js";

/** Enough of the body to let a small health answer finish cleanly; the rest is never read. */
const MAX_BODY_BYTES = 4096;

/**
 * One connector for every probe: no TLS session cache, so each probe sees (and records) the full
 * certificate exchange, and certificates never fail the connection (Traffic Manager ignores them).
 */
const connector = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0 });

export function probeUrl(target: ProbeTarget): string {
  const scheme = target.protocol === "HTTPS" ? "https" : "http";
  return `${scheme}://${formatHostForUrl(target.host)}:${target.port}${target.path}`;
}

/**
 * One GET the way Traffic Manager sends it: no redirects, the Host header and custom headers of
 * the target, a hard deadline over connect + TLS + response headers. A fresh single-connection
 * client per probe means nothing is kept alive between cycles and the socket is always closed.
 */
export async function probeHttp(target: ProbeTarget, now: () => Date): Promise<ProbeResult> {
  const at = now();
  const started = performance.now();
  const url = probeUrl(target);
  const base = { endpoint: target.endpoint, protocol: target.protocol, url, at: at.toISOString() };
  const elapsed = (): number => Math.round(performance.now() - started);
  // SNI is the target's name, never the custom Host header; none for IP literals.
  const servername = isIpLiteral(target.host) ? undefined : target.host;
  let certificate: CertificateFacts | undefined;
  let connection: Socket | undefined;
  const origin = `${target.protocol === "HTTPS" ? "https" : "http"}://${formatHostForUrl(target.host)}:${target.port}`;
  const client = new Client(origin, {
    pipelining: 1,
    connectTimeout: target.timeoutMs,
    headersTimeout: target.timeoutMs,
    bodyTimeout: target.timeoutMs,
    connect: (opts, callback) => {
      const { servername: _ignored, ...rest } = opts;
      connector(servername === undefined ? rest : { ...rest, servername }, (err, socket) => {
        if (!err && target.protocol === "HTTPS") {
          certificate = readCertificateSafely(socket as TLSSocket, target.host, at);
        }
        if (err) callback(err, null);
        else {
          connection = socket;
          callback(null, socket);
        }
      });
    },
  });
  const signal = AbortSignal.timeout(target.timeoutMs);
  const withCert = (): { certificate?: CertificateFacts } => (certificate ? { certificate } : {});
  let complete = false;
  try {
    const headers: Record<string, string> = { host: target.hostHeader };
    for (const h of target.headers) headers[h.name.toLowerCase()] = h.value;
    const response = await client.request({ path: target.path, method: "GET", headers, signal });
    const latencyMs = elapsed();
    complete = await drainSome(response.body, signal);
    const healthy = isExpectedStatus(response.statusCode, target.expectedStatusCodeRanges);
    return {
      ...base,
      kind: healthy ? "up" : "http-status",
      healthy,
      status: response.statusCode,
      latencyMs,
      ...(healthy ? {} : { detail: `unexpected status ${response.statusCode}` }),
      ...withCert(),
    };
  } catch (error: unknown) {
    const { kind, detail } = classifyError(signal.aborted ? signal.reason : error);
    return { ...base, kind, healthy: false, latencyMs: elapsed(), detail, ...withCert() };
  } finally {
    // A graceful close after a complete answer costs no error object; anything else is cut off.
    connection?.destroy();
    (complete ? client.close() : client.destroy()).catch(() => undefined);
  }
}

function readCertificateSafely(socket: TLSSocket, host: string, at: Date): CertificateFacts | undefined {
  try {
    return readCertificateFacts(socket, host, at);
  } catch {
    // A certificate we cannot parse is recorded as absent; it must not fail the probe.
    return undefined;
  }
}

/**
 * Reads at most MAX_BODY_BYTES (undici destroys a longer body), within the probe's deadline.
 * True when the body ended normally, so the connection can be closed without an error.
 */
async function drainSome(body: Dispatcher.ResponseData["body"], signal: AbortSignal): Promise<boolean> {
  try {
    await body.dump({ limit: MAX_BODY_BYTES, signal });
    return body.readableEnded;
  } catch {
    // The status already arrived; a body cut short changes nothing (Traffic Manager ignores it).
    return false;
  }
}
