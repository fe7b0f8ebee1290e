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
  const make = () =>
    new SMTPServer({
      key,
      cert,
      authMethods: ["PLAIN", "LOGIN"],
      disabledCommands: [],
      logger: false,
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
              cb();
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
    stop: close,
    async start() {
      server = make();
      await listen(port);
    },
    close,
  };
}
