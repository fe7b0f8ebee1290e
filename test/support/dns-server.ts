import { createSocket } from "node:dgram";
import * as dnsPacket from "dns-packet";

/** One name of the test zone: a CNAME, an A record, or a forced SERVFAIL. */
export interface ZoneRecord {
  cname?: string;
  a?: string;
  servfail?: boolean;
}

const NOERROR = 0;
const SERVFAIL = 2;
const NXDOMAIN = 3;

export interface DnsServer {
  /** `127.0.0.1:port`, ready for `Resolver.setServers` / DNS_SERVERS. */
  address: string;
  close(): Promise<void>;
}

/**
 * An authoritative-only DNS server on 127.0.0.1 (UDP) for the given zone. Names not in the zone
 * answer NXDOMAIN; names present without the asked type answer NOERROR with no records.
 */
export async function startDnsServer(zone: Record<string, ZoneRecord>): Promise<DnsServer> {
  const records = new Map(Object.entries(zone).map(([k, v]) => [k.toLowerCase(), v]));
  const socket = createSocket("udp4");
  socket.on("message", (message, remote) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const record = records.get(question.name.toLowerCase());
    const answers: dnsPacket.Answer[] = [];
    if (record?.cname && (question.type === "CNAME" || question.type === "A")) {
      answers.push({ type: "CNAME", name: question.name, ttl: 60, data: record.cname });
    } else if (record?.a && question.type === "A") {
      answers.push({ type: "A", name: question.name, ttl: 60, data: record.a });
    }
    // dns-packet encodes the response code from the low 4 bits of `flags`.
    const rcode = record === undefined ? NXDOMAIN : record.servfail ? SERVFAIL : NOERROR;
    const response = dnsPacket.encode({
      id: query.id ?? 0,
      type: "response",
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | rcode,
      questions: [question],
      answers: rcode === NOERROR ? answers : [],
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
