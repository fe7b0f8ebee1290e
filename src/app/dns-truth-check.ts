import { dnsAnswerOf, type DnsAnswer } from "../core/dns-truth.js";
import type { LiveProfile } from "../core/profile.js";
import { describeError } from "./errors.js";
import type { Clock } from "./ports/clock.js";
import type { DnsResolver } from "./ports/dns-resolver.js";

const IP = /^[\d.]+$|:/;

/**
 * Resolves the profile's DNS name and matches the answer to an endpoint. Endpoint targets are
 * resolved only when the answer carried addresses but no CNAME named an endpoint. A failed
 * lookup is an answer with `error`, never a throw: DNS truth must not fail the audit.
 */
export async function resolveDnsAnswer(
  dns: DnsResolver,
  clock: Clock,
  profile: LiveProfile,
): Promise<DnsAnswer | undefined> {
  const fqdn = profile.dns.fqdn;
  if (fqdn === undefined || typeof dns.resolveAnswer !== "function") return undefined;
  const resolve = dns.resolveAnswer.bind(dns);
  try {
    const lookup = await resolve(fqdn);
    const input = { ...lookup, resolvedAt: clock.now() };
    const first = dnsAnswerOf(profile, input);
    if (first.endpoint !== null || lookup.addresses.length === 0) return first;
    const targets = new Map<string, readonly string[]>();
    await Promise.all(
      profile.endpoints
        .filter((e) => e.target !== undefined && !IP.test(e.target))
        .map(async (e) => {
          try {
            targets.set(e.name, (await resolve(e.target!)).addresses);
          } catch {
            // An endpoint target that does not resolve simply matches nothing.
          }
        }),
    );
    return dnsAnswerOf(profile, { ...input, targetAddresses: targets });
  } catch (e: unknown) {
    return {
      names: [],
      addresses: [],
      endpoint: null,
      resolvedAt: clock.now().toISOString(),
      error: describeError(e),
    };
  }
}
