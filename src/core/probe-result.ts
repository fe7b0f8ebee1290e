import type { MonitorProtocol } from "./profile.js";

/**
 * What one probe of one endpoint saw. An unhealthy endpoint is data, never an exception.
 * `up` means the probe got an acceptable answer; every other kind is a failure.
 */
export type ProbeKind = "up" | "http-status" | "timeout" | "refused" | "dns" | "reset" | "tls" | "error";

export interface CertificateFacts {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whole days until validTo, negative once expired (computed against the probe time). */
  daysToExpiry: number;
  /** Whether the chain verified against the trust store (Traffic Manager itself does not check). */
  trusted: boolean;
  /** Whether the certificate covers the host name probed. */
  hostnameMatches: boolean;
  selfSigned: boolean;
  /**
   * DNS names and IP addresses the certificate covers (subjectAltName; the subject CN only when
   * there is none), so the audit can check the names clients use, not just the one probed.
   */
  names?: string[];
}

export interface ProbeResult {
  endpoint: string;
  protocol: MonitorProtocol;
  /** `https://host:port/path` or `tcp://host:port`, without secrets. */
  url: string;
  kind: ProbeKind;
  healthy: boolean;
  /** HTTP status when one arrived. */
  status?: number;
  latencyMs: number;
  /** Short human description of the failure (never contains header values). */
  detail?: string;
  certificate?: CertificateFacts;
  /** Set when an HTTPS endpoint presented a certificate that could not be parsed (reported, info). */
  certificateError?: string;
  /** ISO time the probe started. */
  at: string;
}

/** Consecutive probe failures per endpoint name, kept between cycles (tolerated-failures hysteresis). */
export type ProbeCounters = Record<string, { consecutiveFailures: number }>;
