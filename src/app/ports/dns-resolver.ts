/** Resolves DNS for the vanity-domain check. */
export interface DnsResolver {
  /**
   * Follows CNAME records from `name` and returns the chain of names visited, starting with
   * `name` itself. A name without a CNAME ends the chain.
   * @throws when the lookup fails for a reason other than "no CNAME" (timeout, SERVFAIL).
   */
  resolveCnameChain(name: string): Promise<string[]>;
}
