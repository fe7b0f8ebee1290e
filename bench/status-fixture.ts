// A realistic estate for the status page: `profiles` × `endpoints`, 24 hours of audits every five
// minutes recorded through the same history code the app uses, a failover and an incident per
// profile, silences and DNS answers. Shared by `npm run bench:status` and the page-size test.
import { MemoryStatusHistoryStore } from "../src/adapters/memory/memory-status-history-store.js";
import { gatherStatus } from "../src/app/status-page.js";
import type { Report } from "../src/core/report.js";
import type { StatusPageInput, StatusReport } from "../src/core/status/status-input.js";

export interface EstateShape {
  profiles: number;
  endpoints: number;
  /** Minutes between audits. */
  everyMinutes: number;
  now: Date;
}

export const DEFAULT_ESTATE: EstateShape = {
  profiles: 20,
  endpoints: 5,
  everyMinutes: 5,
  now: new Date("2026-12-02T08:00:00.000Z"),
};

function report(p: number, shape: EstateShape, at: Date, primaryDown: boolean): StatusReport {
  const profile = `00000000-0000-0000-0000-00000000${String(p).padStart(4, "0")}/rg-prod-westeurope/app-${p}-failover`;
  const names = Array.from({ length: shape.endpoints }, (_, i) => `app-${p}-region-${i + 1}`);
  const serving = primaryDown ? names[1]! : names[0]!;
  const r: StatusReport = {
    profile,
    profileId: `/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/trafficManagerProfiles/app-${p}`,
    fqdn: `app-${p}-failover.trafficmanager.net`,
    generatedAt: at.toISOString(),
    routingMethod: "Priority",
    profileStatus: "Enabled",
    derivedMonitorStatus: "Online",
    servingEndpoint: serving,
    servingBasis: "probes",
    liveOrder: names,
    desiredOrder: names,
    endpoints: names.map((name, i) => {
      const down = primaryDown && i === 0;
      return {
        name,
        type: "ExternalEndpoints" as const,
        target: `${name}.azurewebsites.net`,
        priority: i + 1,
        enabled: true,
        alwaysServe: false,
        tmStatus: down ? ("Degraded" as const) : ("Online" as const),
        probe: {
          status: down ? ("Degraded" as const) : ("Online" as const),
          consecutiveFailures: down ? 4 : 0,
          last: {
            endpoint: name,
            protocol: "HTTPS" as const,
            url: `https://${name}.azurewebsites.net:443/health`,
            kind: down ? ("http-status" as const) : ("up" as const),
            healthy: !down,
            ...(down ? { status: 503, detail: "unexpected status 503" } : { status: 200 }),
            latencyMs: 40 + ((i * 37 + at.getMinutes() * 7) % 90),
            at: at.toISOString(),
          },
        },
      };
    }),
    findings: primaryDown
      ? [
          { code: "PRIMARY_NOT_SERVING", severity: "warning", endpoint: names[0]!, message: "x" },
          { code: "PROBE_FAILED", severity: "warning", endpoint: names[0]!, message: "x" },
        ]
      : [],
    dnsAnswer: {
      names: [`${serving}.azurewebsites.net`],
      addresses: [],
      endpoint: serving,
      resolvedAt: at.toISOString(),
    },
  };
  return r;
}

/** Records a day of audits for every profile and returns what the page renders from. */
export async function buildEstate(shape: EstateShape = DEFAULT_ESTATE): Promise<StatusPageInput> {
  const history = new MemoryStatusHistoryStore();
  const latest = new Map<string, Report>();
  const step = shape.everyMinutes * 60_000;
  const start = shape.now.getTime() - 86_400_000 + step;
  for (let t = start; t <= shape.now.getTime(); t += step) {
    const at = new Date(t);
    for (let p = 0; p < shape.profiles; p++) {
      // Each profile's primary is down for 40 minutes at a different hour: one failover and back.
      const offset = (t - start) / 3_600_000 - ((p * 7) % 23);
      const r = report(p, shape, at, offset >= 0 && offset < 0.67);
      await history.record(r);
      latest.set(r.profile, r);
    }
  }
  return gatherStatus(
    {
      clock: { now: () => shape.now },
      statusHistory: history,
      reports: {
        listLatest: () => Promise.resolve([...latest.values()]),
        latest: (k) => Promise.resolve(latest.get(k)),
      },
      desired: {
        list: () =>
          Promise.resolve(
            [...latest.values()].map((r) => ({
              profile: r.profile,
              document: {
                routingMethod: "Priority" as const,
                endpoints: r.liveOrder.map((name) => ({ name, enabled: true })),
              },
              etag: "e",
              version: 1,
              updatedAt: shape.now.toISOString(),
              updatedBy: "bench",
            })),
          ),
        get: () => Promise.resolve(undefined),
      },
      activeSilences: {
        active: () =>
          Promise.resolve([
            {
              id: "sil-1",
              matchers: { profile: latest.keys().next().value ?? "*", codes: ["PROBE_FAILED"] },
              endsAt: new Date(shape.now.getTime() + 3_600_000).toISOString(),
              comment: "planned patching of region 1",
            },
          ]),
      },
    },
    { schedulePeriodSeconds: shape.everyMinutes * 60 },
  );
}
