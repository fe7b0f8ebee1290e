import { createSocket } from "node:dgram";
import * as dnsPacket from "dns-packet";

/** What one name answers: a CNAME, A/AAAA addresses, or nothing (NXDOMAIN when undefined). */
export interface LoopbackRecord {
  cname?: string;
  a?: string[];
  aaaa?: string[];
}

export interface LoopbackDnsServer {
  /** `127.0.0.1:port`, ready for DNS_RESOLVERS / `Resolver.setServers`. */
  address: string;
  close(): Promise<void>;
}

const NOERROR = 0;
const NXDOMAIN = 3;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP) whose answers come from a function, so a
 * simulated Traffic Manager can change them while it runs (`serve` demo, tests). TTL 0: nothing
 * caches a stale answer.
 */
export async function startLoopbackDnsServer(
  answer: (name: string) => LoopbackRecord | undefined,
): Promise<LoopbackDnsServer> {
  const socket = createSocket("udp4");
  socket.on("message", (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: ignore, as a real server would
    }
    const question = query.questions?.[0];
    if (!question) return;
    const record = answer(question.name.toLowerCase().replace(/\.$/, ""));
    const answers: dnsPacket.Answer[] = [];
    if (record?.cname && ["CNAME", "A", "AAAA"].includes(question.type)) {
      answers.push({ type: "CNAME", name: question.name, ttl: 0, data: record.cname });
    } else if (question.type === "A") {
      for (const a of record?.a ?? []) answers.push({ type: "A", name: question.name, ttl: 0, data: a });
    } else if (question.type === "AAAA") {
      for (const a of record?.aaaa ?? [])
        answers.push({ type: "AAAA", name: question.name, ttl: 0, data: a });
    }
    const rcode = record === undefined ? NXDOMAIN : NOERROR;
    const response = dnsPacket.encode({
      id: query.id ?? 0,
      type: "response",
      // dns-packet takes the response code from the low 4 bits of `flags`.
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | rcode,
      questions: [question],
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
