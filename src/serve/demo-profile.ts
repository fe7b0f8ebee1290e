/** The demo profile's key and the Host headers that tell its two endpoints apart. */
export const DEMO_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
export const DEMO_PROFILE_KEY = `${DEMO_SUBSCRIPTION}/tm-sentinel-demo/demo-failover`;
export const DEMO_HOSTS = { primary: "primary.demo.localhost", backup: "backup.demo.localhost" } as const;

const PROFILE_ID = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/tm-sentinel-demo/providers/Microsoft.Network/trafficManagerProfiles/demo-failover`;

function endpoint(name: string, priority: number, host: string): Record<string, unknown> {
  return {
    id: `${PROFILE_ID}/externalEndpoints/${name}`,
    name,
    type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
    properties: {
      endpointStatus: "Enabled",
      endpointMonitorStatus: "Online",
      target: "127.0.0.1",
      priority,
      alwaysServe: "Disabled",
      customHeaders: [{ name: "Host", value: host }],
    },
  };
}

/**
 * The bundled exported profile (raw ARM JSON, as `az network traffic-manager profile show` prints
 * it) with the demo server's port filled in. toleratedNumberOfFailures is 0 so a failing endpoint
 * shows in the very next audit.
 */
export function demoProfileJson(port: number): Record<string, unknown> {
  return {
    id: PROFILE_ID,
    name: "demo-failover",
    type: "Microsoft.Network/trafficManagerProfiles",
    location: "global",
    tags: {},
    properties: {
      profileStatus: "Enabled",
      trafficRoutingMethod: "Priority",
      dnsConfig: { relativeName: "demo-failover", fqdn: "demo-failover.trafficmanager.net", ttl: 60 },
      monitorConfig: {
        profileMonitorStatus: "Online",
        protocol: "HTTP",
        port,
        path: "/health",
        intervalInSeconds: 30,
        timeoutInSeconds: 10,
        toleratedNumberOfFailures: 0,
      },
      endpoints: [
        endpoint("demo-primary", 1, DEMO_HOSTS.primary),
        endpoint("demo-backup", 2, DEMO_HOSTS.backup),
      ],
    },
  };
}
