import { isIpLiteral } from "./probe-target.js";
import type { Endpoint, LiveProfile } from "./profile.js";

/**
 * The names clients use to reach an endpoint, which its certificate must cover: the endpoint's
 * `Host` custom header, else the profile's, else the target when it is a DNS name; plus every
 * desired vanity domain. Empty (no name check) for an IP target without a Host header: the probe
 * connected without SNI, so the certificate it saw need not be the one served for any name.
 */
export function clientNames(
  profile: Pick<LiveProfile, "monitor">,
  endpoint: Pick<Endpoint, "target" | "customHeaders">,
  vanityDomains: readonly string[],
): string[] {
  const hostHeader = (headers: readonly { name: string; value: string }[] | undefined) =>
    headers?.find((h) => h.name.toLowerCase() === "host")?.value.trim();
  const target = endpoint.target?.trim().replace(/^\[(.*)\]$/, "$1");
  const primary =
    hostHeader(endpoint.customHeaders) ||
    hostHeader(profile.monitor?.customHeaders) ||
    (target && !isIpLiteral(target) ? target : undefined);
  if (primary === undefined || primary === "") return [];
  const names = [stripPort(primary), ...vanityDomains].map((n) => n.toLowerCase().replace(/\.$/, ""));
  return [...new Set(names)].filter((n) => !isIpLiteral(n));
}

/** `Host: app.contoso.com:8443` names app.contoso.com. */
function stripPort(host: string): string {
  return host.startsWith("[") ? host : host.replace(/:\d+$/, "");
}

/**
 * Whether a certificate name (`app.contoso.com`, `*.contoso.com`) covers `name` (RFC 6125 §6.4):
 * case-insensitive, and a wildcard only as the whole left-most label, matching exactly one label.
 */
export function certificateNameCovers(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, "");
  const n = name.toLowerCase().replace(/\.$/, "");
  if (!p.startsWith("*.")) return p === n;
  const rest = p.slice(2);
  const dot = n.indexOf(".");
  return dot > 0 && n.slice(dot + 1) === rest && rest.includes(".");
}
