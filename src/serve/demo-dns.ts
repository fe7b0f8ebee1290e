import { startLoopbackDnsServer, type LoopbackDnsServer } from "./loopback-dns-server.js";

/** The demo profile's Traffic Manager name (demo-profile.ts). */
const DEMO_FQDN = "demo-failover.trafficmanager.net";

/**
 * The demo's Traffic Manager name server on loopback: the demo fqdn answers 127.0.0.1, the
 * target every demo endpoint shares, so DNS truth names whichever endpoint Traffic Manager would
 * serve (the first enabled one): a drill that disables demo-primary sees demo-backup answer.
 * Every other name is NXDOMAIN, so the demo never asks the network.
 */
export function startDemoDns(): Promise<LoopbackDnsServer> {
  return startLoopbackDnsServer((name) => (name === DEMO_FQDN ? { a: ["127.0.0.1"] } : undefined));
}
