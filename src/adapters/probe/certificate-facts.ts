import { isIP } from "node:net";
import { checkServerIdentity, type TLSSocket } from "node:tls";
import type { CertificateFacts } from "../../core/probe-result.js";

const DAY_MS = 86_400_000;

/** Node sets this when only the host-name check failed, the chain itself verified. */
const HOSTNAME_ONLY_ERROR = "ERR_TLS_CERT_ALTNAME_INVALID";

/**
 * What the peer certificate says, read from a socket connected with `rejectUnauthorized: false`.
 * Recorded, never used for health (Traffic Manager does not validate certificates).
 */
export function readCertificateFacts(
  socket: TLSSocket,
  hostname: string,
  now: Date,
): CertificateFacts | undefined {
  // Order matters: on Node 22, getPeerCertificate() returns {} once getPeerX509Certificate() ran.
  const peer = socket.getPeerCertificate();
  const x509 = socket.getPeerX509Certificate();
  if (x509 === undefined || Object.keys(peer).length === 0) return undefined;
  const validTo = new Date(x509.validTo);
  // Typed as Error, but Node sets the error code string here.
  const authError = String(socket.authorizationError);
  return {
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    daysToExpiry: Math.floor((validTo.getTime() - now.getTime()) / DAY_MS),
    trusted: socket.authorized || authError.includes(HOSTNAME_ONLY_ERROR),
    // checkServerIdentity misses IPv6 SANs that Node prints uncompressed (0:0:…:1); X509 checkIP does not.
    hostnameMatches:
      checkServerIdentity(hostname, peer) === undefined ||
      (isIP(hostname) !== 0 && x509.checkIP(hostname) !== undefined),
    // checkIssued() would demand keyCertSign, which leaf certificates rarely carry.
    selfSigned: x509.subject === x509.issuer && x509.verify(x509.publicKey),
    names: coveredNames(peer.subjectaltname, peer.subject?.CN),
  };
}

/** `DNS:a.com, IP Address:127.0.0.1` as [`a.com`, `127.0.0.1`]; the CN only without SAN names. */
function coveredNames(
  subjectAltName: string | undefined,
  commonName: string | string[] | undefined,
): string[] {
  const names = (subjectAltName ?? "")
    .split(",")
    .map((s) => s.trim())
    .flatMap((entry) => {
      const m = /^(DNS|IP Address):(.+)$/i.exec(entry);
      return m?.[2] ? [m[2].trim().replace(/^"|"$/g, "")] : [];
    });
  if (names.length > 0) return names;
  const cn = Array.isArray(commonName) ? commonName : commonName === undefined ? [] : [commonName];
  return cn.map((c) => c.trim()).filter((c) => c !== "");
}

/** "CN=a\nO=b" as "CN=a, O=b". */
function oneLine(dn: string): string {
  return dn.split("\n").filter(Boolean).join(", ");
}
