import type { ProbeKind } from "../../core/probe-result.js";

const BY_CODE: Record<string, ProbeKind> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_FAIL: "dns",
  EAI_NONAME: "dns",
  ECONNRESET: "reset",
  EPIPE: "reset",
  // undici's "other side closed": the server accepted, then hung up before answering.
  UND_ERR_SOCKET: "reset",
  ETIMEDOUT: "timeout",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
  EPROTO: "tls",
};

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Maps a socket, DNS, TLS or undici error to a failure kind; the innermost known code wins. */
export function classifyError(error: unknown): { kind: ProbeKind; detail: string } {
  const chain: ErrorLike[] = [];
  for (let e: unknown = error; e !== null && typeof e === "object" && chain.length < 5;) {
    chain.push(e);
    e = (e as ErrorLike).cause;
  }
  for (const e of chain.reverse()) {
    const code = typeof e.code === "string" ? e.code : "";
    const name = typeof e.name === "string" ? e.name : "";
    if (name === "TimeoutError" || name === "AbortError")
      return { kind: "timeout", detail: "no answer within the timeout" };
    const kind = BY_CODE[code] ?? (/^ERR_(SSL|TLS)_/.test(code) ? "tls" : undefined);
    if (kind) return { kind, detail: describe(e, code) };
  }
  const outer = chain[chain.length - 1];
  return {
    kind: "error",
    detail: outer ? describe(outer, typeof outer.code === "string" ? outer.code : "") : String(error),
  };
}

/** Error messages from sockets and undici carry no header values, so they are safe to keep. */
function describe(e: ErrorLike, code: string): string {
  const message = typeof e.message === "string" ? e.message : "";
  const text = code && !message.includes(code) ? `${code}: ${message}` : message || code;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
