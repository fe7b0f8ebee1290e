import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { makeCert } from "./tls-cert.js";

/** What the receiver answers next: a status (with headers), or never answering. */
export type TeamsAnswer = { status: number; headers?: Record<string, string>; body?: string } | "hang";

export interface TeamsReceiver {
  /** Webhook URL with a signature-like `sig=` query (a secret the tests look for in logs). */
  url: string;
  /** The self-signed certificate to trust. */
  ca: string;
  /** Parsed bodies of requests answered with 2xx, in arrival order. */
  delivered: unknown[];
  /** Every request received, whatever the answer. */
  attempts: number;
  /** Sets how the following requests are answered. */
  answer(a: TeamsAnswer | ((attempt: number) => TeamsAnswer)): void;
  close(): Promise<void>;
}

/**
 * A stand-in for a Teams Workflows webhook on 127.0.0.1 over HTTPS with a self-signed
 * certificate. Answers 202 by default, like Workflows.
 */
export async function startTeamsReceiver(): Promise<TeamsReceiver> {
  const { cert, key } = await makeCert();
  let answer: (attempt: number) => TeamsAnswer = () => ({ status: 202 });
  const state = { delivered: [] as unknown[], attempts: 0 };
  const hanging = new Set<() => void>();
  const server: Server = createServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.attempts += 1;
      const a = answer(state.attempts);
      if (a === "hang") {
        hanging.add(() => res.destroy());
        return;
      }
      if (a.status >= 200 && a.status < 300)
        state.delivered.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(a.status, { "content-type": "text/plain", ...a.headers });
      res.end(a.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${String(port)}/workflows/0a1b2c/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=S3cr3tSignatureValue42`,
    ca: cert,
    get delivered() {
      return state.delivered;
    },
    get attempts() {
      return state.attempts;
    },
    answer(a) {
      answer = typeof a === "function" ? a : () => a;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of hanging) end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
