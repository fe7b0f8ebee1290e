import { generate } from "selfsigned";

export type AltName = { type: "dns"; value: string } | { type: "ip"; value: string };

export interface CertOptions {
  /** Subject CN; "localhost" by default. */
  commonName?: string;
  /** Subject alternative names; DNS `localhost`, IP 127.0.0.1 and ::1 by default. */
  altNames?: AltName[];
  notBefore?: Date;
  notAfter?: Date;
}

const DAY_MS = 86_400_000;

/**
 * A self-signed server certificate for local HTTPS test servers (EC P-256: fast to generate).
 * Pass `notAfter` in the past for an expired one, or other names for a host-name mismatch.
 */
export async function makeCert(opts: CertOptions = {}): Promise<{ cert: string; key: string }> {
  const commonName = opts.commonName ?? "localhost";
  const altNames = opts.altNames ?? [
    { type: "dns", value: "localhost" },
    { type: "ip", value: "127.0.0.1" },
    { type: "ip", value: "::1" },
  ];
  const notBefore = opts.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = opts.notAfter ?? new Date(Date.now() + 365 * DAY_MS);
  const result = await generate([{ name: "commonName", value: commonName }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: altNames.map((a) =>
          a.type === "dns" ? { type: 2, value: a.value } : { type: 7, ip: a.value },
        ),
      },
    ],
  });
  return { cert: result.cert, key: result.private };
}
