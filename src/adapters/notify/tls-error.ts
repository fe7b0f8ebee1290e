/**
 * OpenSSL / Node codes for a certificate the channel's server presented that we refuse to trust:
 * an expired or not-yet-valid certificate, one for another name, or an unknown issuer. Retrying
 * never fixes these (the server or our trust store must change), so they are configuration
 * errors, reported at once instead of being retried until the message expires.
 */
const CERTIFICATE_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "HOSTNAME_MISMATCH",
]);

/** The certificate error code in `e` or its `cause` chain (undici, the Azure SDK and nodemailer wrap them). */
export function tlsCertificateErrorCode(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth += 1) {
    // nodemailer moves the socket's code to `originalCode` and sets `code` to ESOCKET.
    for (const key of ["code", "originalCode"] as const) {
      const code = (current as Record<string, unknown>)[key];
      if (typeof code === "string" && CERTIFICATE_CODES.has(code)) return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
