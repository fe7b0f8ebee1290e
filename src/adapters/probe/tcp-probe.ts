import { connect } from "node:net";
import { performance } from "node:perf_hooks";
import type { ProbeResult } from "../../core/probe-result.js";
import { formatHostForUrl, type ProbeTarget } from "../../core/probe-target.js";
import { classifyError } from "./classify-error.js";

/** Healthy when the connection is accepted within the timeout; the socket is closed at once. */
export function probeTcp(target: ProbeTarget, now: () => Date): Promise<ProbeResult> {
  const at = now();
  const started = performance.now();
  const base = {
    endpoint: target.endpoint,
    protocol: target.protocol,
    url: `tcp://${formatHostForUrl(target.host)}:${target.port}`,
    at: at.toISOString(),
  };
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const finish = (result: Omit<ProbeResult, keyof typeof base | "latencyMs">): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => undefined);
      socket.destroy();
      resolve({ ...base, ...result, latencyMs: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(
      () => finish({ kind: "timeout", healthy: false, detail: "connection not accepted within the timeout" }),
      target.timeoutMs,
    );
    socket.once("connect", () => finish({ kind: "up", healthy: true }));
    socket.once("error", (error) => finish({ healthy: false, ...classifyError(error) }));
  });
}
