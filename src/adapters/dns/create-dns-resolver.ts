import { Resolver } from "node:dns/promises";
import type { DnsLookup, DnsResolver } from "../../app/ports/dns-resolver.js";

/** Chains longer than this are broken or looping; real ones are 2–4 names. */
const MAX_CHAIN = 16;

/** DNS answers that mean "this name has no CNAME": the chain simply ends here. */
const END_OF_CHAIN = new Set(["ENODATA", "ENOTFOUND"]);

export interface DnsResolverOptions {
  /** `ip[:port]` entries; the system's resolvers when absent. */
  servers?: string[];
  /** Per-query timeout; c-ares retries once more on its own. */
  timeoutMs?: number;
}

/** Follows CNAME records and resolves addresses with `node:dns` (c-ares), against the given servers when set. */
export function createDnsResolver(
  options: DnsResolverOptions,
): DnsResolver & Required<Pick<DnsResolver, "resolveAnswer">> {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
  if (options.servers && options.servers.length > 0) resolver.setServers(options.servers);
  const api = {
    async resolveCnameChain(name: string): Promise<string[]> {
      const chain = [name];
      let current = name;
      while (chain.length <= MAX_CHAIN) {
        const next = await nextCname(resolver, current);
        if (next === undefined) return chain;
        if (chain.some((n) => n.toLowerCase() === next.toLowerCase())) {
          throw new Error(`CNAME loop at ${next} while resolving ${name}`);
        }
        chain.push(next);
        current = next;
      }
      throw new Error(`CNAME chain of ${name} is longer than ${MAX_CHAIN}`);
    },
    async resolveAnswer(name: string): Promise<DnsLookup> {
      const chain = await api.resolveCnameChain(name);
      const last = chain[chain.length - 1] ?? name;
      const [v4, v6] = await Promise.all([
        addresses(() => resolver.resolve4(last), last),
        addresses(() => resolver.resolve6(last), last),
      ]);
      return { names: chain.slice(1), addresses: [...v4, ...v6] };
    },
  };
  return api;
}

/** "No such record" is an empty list; anything else (timeout, SERVFAIL) is an error. */
async function addresses(lookup: () => Promise<string[]>, name: string): Promise<string[]> {
  try {
    return await lookup();
  } catch (e: unknown) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && END_OF_CHAIN.has(code)) return [];
    throw new Error(`DNS lookup of ${name} failed: ${typeof code === "string" ? code : String(e)}`, {
      cause: e,
    });
  }
}

async function nextCname(resolver: Resolver, name: string): Promise<string | undefined> {
  try {
    const records = await resolver.resolveCname(name);
    return records[0];
  } catch (e: unknown) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && END_OF_CHAIN.has(code)) return undefined;
    throw new Error(`DNS lookup of ${name} failed: ${typeof code === "string" ? code : String(e)}`, {
      cause: e,
    });
  }
}
