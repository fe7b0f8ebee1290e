/** What a name resolves to: the CNAME chain followed and the final A/AAAA addresses. */
export interface DnsLookup {
  /** CNAME targets visited after the queried name, in order (empty when it has none). */
  names: string[];
  /** A and AAAA addresses of the last name (empty when there are none). */
  addresses: string[];
}

/** Resolves DNS for the vanity-domain check and the profile's own answer (DNS truth). */
export interface DnsResolver {
  /**
   * Follows CNAME records from `name` and returns the chain of names visited, starting with
   * `name` itself. A name without a CNAME ends the chain.
   * @throws when the lookup fails for a reason other than "no CNAME" (timeout, SERVFAIL).
   */
  resolveCnameChain(name: string): Promise<string[]>;
  /**
   * Resolves `name` as a client would: the CNAME chain, then A and AAAA of its last name.
   * NXDOMAIN yields empty lists. Optional so partial fakes stay valid; without it DNS truth is skipped.
   * @throws when the lookup fails (timeout, SERVFAIL, loop).
   */
  resolveAnswer?(name: string): Promise<DnsLookup>;
}
