import { isIP } from "node:net";
import { z } from "zod";
import { booleanSetting } from "./boolean-setting.js";
import type { ServingBasis } from "../../core/report.js";

const SERVING_BASES = ["traffic-manager", "probes", "both"] as const satisfies readonly ServingBasis[];

const positiveInt = (fallback: number, max: number) =>
  z.coerce
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** `1.1.1.1`, `1.1.1.1:53`, `::1` or `[::1]:53`, exactly the forms `Resolver.setServers` accepts. */
function isDnsServer(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  if (bracketed) return isIP(bracketed[1] ?? "") === 6 && validPort(bracketed[2]);
  if (isIP(entry) !== 0) return true;
  const v4 = /^([\d.]+):(\d{1,5})$/.exec(entry);
  return v4 !== null && isIP(v4[1] ?? "") === 4 && validPort(v4[2]);
}

function validPort(port: string | undefined): boolean {
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

const dnsServers = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const list = v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    const bad = list.filter((s) => !isDnsServer(s));
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be comma-separated IP[:port] entries (e.g. 168.63.129.16 or 127.0.0.1:5353); not an IP[:port]: ${bad.join(", ")}`,
      });
      return z.NEVER;
    }
    return list.length === 0 ? undefined : list;
  });

const days = z.coerce
  .number({ message: "must be a whole number" })
  .int("must be a whole number")
  .min(0, "must be 0 or more")
  .max(3650, "must be at most 3650");

const DEFAULT_CERT_WARN_DAYS = 21;
const DEFAULT_CERT_CRITICAL_DAYS = 7;

/** Settings of the probe area. Keys are app-setting names exactly as in Azure. */
export const probeSection = z
  .object({
    PROBE_ENABLED: booleanSetting(true),
    SERVING_BASIS: z
      .enum(SERVING_BASES, { message: `must be one of ${SERVING_BASES.join(", ")}` })
      .optional(),
    PROBE_CONCURRENCY: positiveInt(1000, 100_000),
    CERT_WARN_DAYS: days.optional(),
    /** Deprecated alias of CERT_WARN_DAYS (v0.1), still accepted. */
    CERT_WARNING_DAYS: days.optional(),
    CERT_CRITICAL_DAYS: days.optional(),
    DNS_SERVERS: dnsServers,
    /** Same form as DNS_SERVERS and wins over it: the resolvers DNS truth (and the CNAME check) ask. */
    DNS_RESOLVERS: dnsServers,
    AUDIT_PROFILE_CONCURRENCY: positiveInt(16, 1000),
  })
  .superRefine((s, ctx) => {
    const { CERT_WARN_DAYS: warn, CERT_WARNING_DAYS: legacy, CERT_CRITICAL_DAYS: critical } = s;
    if (warn !== undefined && legacy !== undefined && warn !== legacy)
      ctx.addIssue({
        code: "custom",
        path: ["CERT_WARNING_DAYS"],
        message: `is a deprecated alias of CERT_WARN_DAYS and must not differ from it (${String(legacy)} vs ${String(warn)}); remove CERT_WARNING_DAYS`,
      });
    const effective = warn ?? legacy ?? DEFAULT_CERT_WARN_DAYS;
    if ((critical ?? DEFAULT_CERT_CRITICAL_DAYS) > effective)
      ctx.addIssue({
        code: "custom",
        path: ["CERT_CRITICAL_DAYS"],
        message: `must be at most CERT_WARN_DAYS (${String(effective)})`,
      });
  })
  .transform(
    (
      s,
    ): {
      enabled: boolean;
      /** SERVING_BASIS, "traffic-manager" when unset (for display; the audit uses basisSetting). */
      basis: ServingBasis;
      /** SERVING_BASIS only when set; unset leaves the choice to defaultServingBasis. */
      basisSetting?: ServingBasis;
      concurrency: number;
      certWarningDays: number;
      certCriticalDays: number;
      dnsServers?: string[];
      profileConcurrency: number;
    } => ({
      enabled: s.PROBE_ENABLED,
      basis: s.SERVING_BASIS ?? "traffic-manager",
      ...(s.SERVING_BASIS === undefined ? {} : { basisSetting: s.SERVING_BASIS }),
      concurrency: s.PROBE_CONCURRENCY,
      certWarningDays: s.CERT_WARN_DAYS ?? s.CERT_WARNING_DAYS ?? DEFAULT_CERT_WARN_DAYS,
      certCriticalDays: s.CERT_CRITICAL_DAYS ?? DEFAULT_CERT_CRITICAL_DAYS,
      ...((s.DNS_RESOLVERS ?? s.DNS_SERVERS) === undefined
        ? {}
        : { dnsServers: (s.DNS_RESOLVERS ?? s.DNS_SERVERS)! }),
      profileConcurrency: s.AUDIT_PROFILE_CONCURRENCY,
    }),
  );
