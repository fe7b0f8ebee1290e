import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { makeCert } from "./tls-cert.js";

/** `accept`, or reject the DATA with a reply code (4xx temporary, 5xx permanent). */
export type SmtpAnswer = "accept" | { code: number; message: string };

export interface SmtpReceiver {
  /** `smtp://alerts:<password>@127.0.0.1:<port>`: STARTTLS with the self-signed certificate. */
  url: string;
  password: string;
  ca: string;
  messages: ParsedMail[];
  answer(a: SmtpAnswer): void;
  /**
   * Delays the greeting and the replies to MAIL FROM, RCPT TO and DATA by `ms` each (0: none),
   * so every phase stays under a per-phase timeout while the whole send takes several times it.
   */
  stall(ms: number): void;
  /** Stops listening (the relay is "down"); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** An SMTP relay on 127.0.0.1 (smtp-server) requiring STARTTLS and login; mail parsed with mailparser. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  // Its own subject name: a trust store holding several self-signed "localhost" certificates
  // would pick the wrong one by subject and fail the handshake.
  const { cert, key } = await makeCert({ commonName: "smtp.localhost" });
  const password = "p@ss w0rd/Secret!";
  const messages: ParsedMail[] = [];
  let answer: SmtpAnswer = "accept";
  let stallMs = 0;
  const later = (cb: () => void) => (stallMs > 0 ? setTimeout(cb, stallMs) : cb());
  const make = () =>
    new SMTPServer({
      key,
      cert,
      authMethods: ["PLAIN", "LOGIN"],
      disabledCommands: [],
      logger: false,
      onConnect(_session, cb) {
        later(() => cb());
      },
      onMailFrom(_address, _session, cb) {
        later(() => cb());
      },
      onRcptTo(_address, _session, cb) {
        later(() => cb());
      },
      onAuth(auth, _session, cb) {
        if (auth.username === "alerts" && auth.password === password) cb(null, { user: "alerts" });
        else cb(new Error("Invalid username or password"));
      },
      onData(stream, _session, cb) {
        const current = answer;
        simpleParser(stream)
          .then((mail) => {
            if (current === "accept") {
              messages.push(mail);
              later(() => cb());
            } else cb(Object.assign(new Error(current.message), { responseCode: current.code }));
          })
          .catch((e: unknown) => cb(e as Error));
      },
    });
  let server = make();
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const port = (server.server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url: `smtp://alerts:${encodeURIComponent(password)}@127.0.0.1:${String(port)}`,
    password,
    ca: cert,
    messages,
    answer(a) {
      answer = a;
    },
    stall(ms) {
      stallMs = ms;
    },
    stop: close,
    async start() {
      server = make();
      await listen(port);
    },
    close,
  };
}
