import { performance } from "node:perf_hooks";
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
 * No TCP keep-alive (one request per connection) and no connect timer: the probe's own deadline
 * covers connect, TLS and the answer, so both would only cost a syscall or a timer per probe.
 */
const connector = buildConnector({
  rejectUnauthorized: false,
  maxCachedSessions: 0,
  keepAlive: false,
  timeout: 0,
});

/**
 * Handed to undici when a probe is over, so closing the connection builds no error (and stack
 * trace) per probe; it never reaches a result. UND_ERR_INFO is undici's code for "informational,
 * not a failure of the client".
 */
const PROBE_OVER = Object.assign(new Error("probe over"), { code: "UND_ERR_INFO" });

export function probeUrl(target: ProbeTarget): string {
  const scheme = target.protocol === "HTTPS" ? "https" : "http";
  return `${scheme}://${formatHostForUrl(target.host)}:${target.port}${target.path}`;
}

/**
 * One GET the way Traffic Manager sends it: no redirects, the Host header and custom headers of
 * the target, one hard deadline over connect, TLS, the answer and its first 4 KiB. A fresh
 * single-connection client per probe means nothing is kept alive between cycles and the socket is
 * always closed.
 */
export function probeHttp(target: ProbeTarget, now: () => Date): Promise<ProbeResult> {
  return new Promise((resolve) => new HttpProbe(target, now(), resolve).start());
}

/**
 * One probe as an undici dispatch handler: no response stream, no AbortSignal, one timer. Probes
 * stay in flight for the endpoint's answer time, so whatever they allocate outlives the young
 * generation; keeping that small is what keeps a 10,000-endpoint cycle's heap small.
 */
class HttpProbe implements Dispatcher.DispatchHandler {
  private readonly started = performance.now();
  private readonly client: Client;
  private timer: NodeJS.Timeout | undefined;
  private certificate: CertificateFacts | undefined;
  private certificateError: string | undefined;
  private status = 0;
  private latencyMs = 0;
  private bodyBytes = 0;
  private done = false;

  constructor(
    private readonly target: ProbeTarget,
    private readonly at: Date,
    private readonly resolve: (result: ProbeResult) => void,
  ) {
    const origin = `${target.protocol === "HTTPS" ? "https" : "http"}://${formatHostForUrl(target.host)}:${target.port}`;
    // Our timer is the deadline; undici's own timers would only duplicate it.
    this.client = new Client(origin, {
      pipelining: 1,
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: (opts, callback) => this.connect(opts, callback),
    });
  }

  start(): void {
    const { target } = this;
    this.timer = setTimeout(onDeadline, target.timeoutMs, this);
    const headers: Record<string, string> = { host: target.hostHeader };
    for (const h of target.headers) headers[h.name.toLowerCase()] = h.value;
    this.client.dispatch({ path: target.path, method: "GET", headers }, this);
  }

  /** SNI is the target's name, never the custom Host header (undici derives it from Host); none for IPs. */
  private connect(opts: buildConnector.Options, callback: buildConnector.Callback): void {
    const { host } = this.target;
    const { servername: _ignored, ...rest } = opts;
    connector(isIpLiteral(host) ? rest : { ...rest, servername: host }, (err, socket) => {
      if (err) return callback(err, null);
      if (this.target.protocol === "HTTPS") {
        const read = readCertificateSafely(socket as TLSSocket, host, this.at);
        if ("facts" in read) this.certificate = read.facts;
        else this.certificateError = read.error;
      }
      callback(null, socket);
    });
  }

  onRequestStart(): void {}

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    // 1xx answers are interim; the probe waits for the final status.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.latencyMs = this.elapsed();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bodyBytes += chunk.length;
    // The status already arrived; the rest of a long body is never read.
    if (this.bodyBytes > MAX_BODY_BYTES) this.finishWithStatus();
  }

  onResponseEnd(): void {
    this.finishWithStatus();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    // A body cut short changes nothing once the status arrived (Traffic Manager ignores it).
    if (this.status) this.finishWithStatus();
    else this.fail(classifyError(error));
  }

  deadline(): void {
    if (this.status) this.finishWithStatus();
    else this.fail({ kind: "timeout", detail: "no answer within the timeout" });
  }

  private finishWithStatus(): void {
    const { status } = this;
    const healthy = isExpectedStatus(status, this.target.expectedStatusCodeRanges);
    this.finish({
      kind: healthy ? "up" : "http-status",
      healthy,
      status,
      latencyMs: this.latencyMs,
      ...(healthy ? {} : { detail: `unexpected status ${status}` }),
    });
  }

  private fail({ kind, detail }: { kind: ProbeResult["kind"]; detail: string }): void {
    this.finish({ kind, healthy: false, latencyMs: this.elapsed(), detail });
  }

  private finish(outcome: Pick<ProbeResult, "kind" | "healthy" | "latencyMs" | "status" | "detail">): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    // Closes the socket whatever state it is in; nothing is kept alive between cycles.
    this.client.destroy(PROBE_OVER, ignore);
    const { target, certificate, certificateError } = this;
    this.resolve({
      endpoint: target.endpoint,
      protocol: target.protocol,
      url: probeUrl(target),
      at: this.at.toISOString(),
      ...outcome,
      ...(certificate ? { certificate } : {}),
      ...(certificateError !== undefined ? { certificateError } : {}),
    });
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }
}

/** The callback form of destroy: no promise per probe. */
function ignore(): void {}

function onDeadline(probe: HttpProbe): void {
  probe.deadline();
}

function readCertificateSafely(
  socket: TLSSocket,
  host: string,
  at: Date,
): { facts: CertificateFacts } | { error: string } {
  try {
    const facts = readCertificateFacts(socket, host, at);
    return facts ? { facts } : { error: "no certificate was presented" };
  } catch (e: unknown) {
    // It must not fail the probe (Traffic Manager ignores certificates), but it is reported.
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
