import { startLoopbackDnsServer, type LoopbackDnsServer } from "../../src/serve/loopback-dns-server.js";
import type { ArmServer } from "./arm-server.js";
import type { RawArmEndpoint, RawArmProfile } from "./builders/arm-raw-profile.js";

export interface TrafficManagerModelOptions {
  /** How long a change of the serving endpoint takes to reach DNS answers (propagation). */
  propagationMs?: number;
  /** Endpoint names our "probes" (and Traffic Manager's) find unhealthy. */
  unhealthy?: Set<string>;
  /** Traffic Manager's name servers never pick up a change: DNS keeps the first answer. */
  stuck?: boolean;
}

export interface TrafficManagerModel {
  /** `127.0.0.1:port` of the loopback DNS server, for DNS_RESOLVERS. */
  dns: string;
  unhealthy: Set<string>;
  /** The endpoint DNS answers with right now. */
  answering(): string | null;
  close(): Promise<void>;
}

const IP = /^[\d.]+$|:/;

const targetOf = (e: RawArmEndpoint | undefined): string => {
  const target = e?.properties["target"];
  return typeof target === "string" ? target : "";
};

/**
 * Models Traffic Manager over the local ARM stand-in for one profile: endpointMonitorStatus
 * follows each endpoint's health (Disabled when its endpointStatus is), and a loopback DNS server
 * answers the profile's fqdn with the serving endpoint (Priority, fail-open) once a change has
 * propagated. Endpoint targets answer A records so addresses can be matched too.
 */
export async function startTrafficManagerModel(
  arm: ArmServer,
  profileId: string,
  options: TrafficManagerModelOptions = {},
): Promise<TrafficManagerModel> {
  const unhealthy = options.unhealthy ?? new Set<string>();
  const profile = (): RawArmProfile | undefined => arm.profiles.get(profileId.toLowerCase());
  const sync = () => {
    for (const e of profile()?.properties.endpoints ?? []) {
      e.properties["endpointMonitorStatus"] =
        e.properties["endpointStatus"] === "Disabled"
          ? "Disabled"
          : unhealthy.has(e.name)
            ? "Degraded"
            : "Online";
    }
  };
  const serving = (): RawArmEndpoint | undefined => {
    sync();
    const eps = [...(profile()?.properties.endpoints ?? [])].sort(
      (a, b) => Number(a.properties["priority"]) - Number(b.properties["priority"]),
    );
    return (
      eps.find((e) => e.properties["endpointMonitorStatus"] === "Online") ??
      eps.find((e) => e.properties["endpointMonitorStatus"] === "Degraded")
    );
  };
  let published = serving()?.name ?? null;
  let pending: { name: string | null; since: number } | undefined;
  const answering = (): string | null => {
    if (options.stuck) return published;
    const now = serving()?.name ?? null;
    if (now === published) pending = undefined;
    else if (pending?.name !== now) pending = { name: now, since: Date.now() };
    else if (Date.now() - pending.since >= (options.propagationMs ?? 0)) {
      published = now;
      pending = undefined;
    }
    return published;
  };
  arm.beforeRequest = sync;
  const server: LoopbackDnsServer = await startLoopbackDnsServer((name) => {
    const p = profile();
    const dnsConfig = p?.properties["dnsConfig"] as { fqdn?: string } | undefined;
    if (p && dnsConfig?.fqdn?.toLowerCase() === name) {
      const current = p.properties.endpoints.find((e) => e.name === answering());
      const target = targetOf(current);
      if (!current) return {};
      return IP.test(target) ? { a: [target] } : { cname: target };
    }
    const endpoint = p?.properties.endpoints.find((e) => targetOf(e).toLowerCase() === name);
    if (endpoint) return { a: [`10.0.0.${1 + p!.properties.endpoints.indexOf(endpoint)}`] };
    return undefined;
  });
  return {
    dns: server.address,
    unhealthy,
    answering,
    close: async () => {
      delete arm.beforeRequest;
      await server.close();
    },
  };
}
