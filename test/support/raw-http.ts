import { connect } from "node:net";

/** Writes raw bytes to 127.0.0.1:port and returns everything the server answers until it closes. */
export function rawExchange(
  port: number,
  bytes: string | Uint8Array,
  endAfterWrite = false,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    socket.once("close", () => resolve(text));
    socket.once("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" ? resolve(text) : reject(e)));
    socket.once("connect", () => {
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
  });
}

/** Status line and parsed problem body of a raw HTTP/1.1 answer. */
export function parseRawAnswer(text: string): { status: number; contentType: string; body: unknown } {
  const [head = "", body = ""] = text.split("\r\n\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? "0");
  const contentType = /\r\ncontent-type: ([^\r\n]+)/i.exec(head)?.[1] ?? "";
  let parsed: unknown = body;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    // chunked or empty: left as text
  }
  return { status, contentType, body: parsed };
}
