import { MemoryDrillStore } from "../../../src/adapters/memory/memory-drill-store.js";
import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";
import { inject } from "vitest";
import type { LiveProfileSource, LiveSnapshot } from "../../../src/app/ports/live-profile-source.js";
import { createStores } from "../../../src/adapters/store/create-stores.js";
import type { Runtime } from "../../../src/composition-root.js";
import { loadConfig } from "../../../src/config/load-config.js";
import type { HttpFunctionDefinition } from "../../../src/functions/definition.js";
import { formatProfileKey } from "../../../src/core/profile-key.js";
import type { LiveProfile, ProfileKey } from "../../../src/core/profile.js";
import { uniqueTableName } from "./table-store-builders.js";
import { fixedClock } from "./desired-builders.js";
import { SilenceBook } from "../../../src/app/silences/silence-book.js";
import { TableSilenceRecords } from "../../../src/adapters/store/table-silence-records.js";
import { aProfile } from "./audit-builders.js";

/** A LiveProfileSource serving fixed profiles; unknown keys come back as not-found failures. */
export function staticLiveSource(profiles: LiveProfile[]): LiveProfileSource {
  const read = (keys: ProfileKey[]): LiveSnapshot => {
    const wanted = keys.map(formatProfileKey);
    const found = profiles.filter((p) => wanted.includes(formatProfileKey(p.key)));
    const missing = wanted.filter((k) => !found.some((p) => formatProfileKey(p.key) === k));
    return {
      profiles: found,
      related: new Map(profiles.map((p) => [p.id.toLowerCase(), p])),
      failures: missing.map((k) => ({
        scope: k,
        profiles: [k],
        reason: "not-found",
        message: `${k} not found`,
      })),
    };
  };
  return {
    readWatched: () => Promise.resolve(read(profiles.map((p) => p.key))),
    readProfiles: (keys) => Promise.resolve(read(keys)),
  };
}

function unused<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_t, prop) {
      if (prop === "then") return undefined;
      throw new Error(`test runtime: ${what} not provided (used .${String(prop)})`);
    },
  });
}

/** A Runtime on Azurite with fresh tables (unique per call) and the given live profiles. */
export async function buildTableRuntime(
  live: LiveProfile[],
  overrides: Partial<Runtime> = {},
  env: Record<string, string> = {},
): Promise<Runtime> {
  const config = loadConfig({
    ...env,
    AzureWebJobsStorage: inject("azuriteConnectionString"),
    TABLE_DESIRED: uniqueTableName("desired"),
    TABLE_REPORTS: uniqueTableName("reports"),
    TABLE_STATE: uniqueTableName("state"),
  });
  const clock = fixedClock();
  const stores = await createStores(config, { clock });
  return {
    config,
    clock,
    live: staticLiveSource(live),
    desired: stores.desired,
    reports: stores.reports,
    probeState: stores.probeState,
    prober: unused("prober"),
    // No resolveAnswer: DNS truth is skipped (it is tested in test/app/dns-truth-audit.test.ts).
    dns: { resolveCnameChain: () => Promise.reject(new Error("test runtime: dns not provided")) },
    alerts: { deliveryFindings: () => Promise.resolve([]), dispatch: () => Promise.resolve() },
    writer: unused("writer"),
    silences: new SilenceBook(new TableSilenceRecords(stores.tables!, config.store.tables.state), clock),
    drills: new MemoryDrillStore(),
    drillQueue: unused("drillQueue"),
    close: () => Promise.resolve(),
    ...overrides,
  };
}

export interface RequestOptions {
  method?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  query?: Record<string, string>;
}

/** Calls a definition's handler the way the host would, with real HttpRequest/InvocationContext. */
export async function invoke(
  def: HttpFunctionDefinition,
  rt: Runtime,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResponseInit & { json: () => unknown; header: (name: string) => string | undefined }> {
  const request = new HttpRequest({
    method: options.method ?? def.methods[0] ?? "GET",
    url: `http://localhost:7071/api/${path}`,
    headers: options.headers ?? {},
    params: options.params ?? {},
    query: options.query ?? {},
    ...(options.body !== undefined ? { body: { string: options.body } } : {}),
  });
  const context = new InvocationContext({ functionName: def.name, logHandler: () => undefined });
  const res = await def.create(rt)(request, context);
  const headers = new Headers(res.headers);
  return {
    ...res,
    json: () => JSON.parse(typeof res.body === "string" ? res.body : "null") as unknown,
    header: (name) => headers.get(name) ?? undefined,
  };
}

/** Route params of `profiles/{sub}/{rg}/{name}/…` for a profile key `sub/rg/name`. */
export function profileParams(key: string): Record<string, string> {
  const [sub, rg, name] = key.split("/") as [string, string, string];
  return { sub, rg, name };
}

/** The subscription of profiles the HTTP tests watch (route segments must be a GUID). */
export const TEST_SUB = "0000aaaa-0000-4000-8000-00000000000a";

/** `aProfile` in TEST_SUB, so per-profile routes accept its key. */
export function aWatchedProfile(overrides: Partial<LiveProfile> = {}): LiveProfile {
  const name = overrides.name ?? "contoso";
  return aProfile({
    id: `/subscriptions/${TEST_SUB}/resourceGroups/rg1/providers/Microsoft.Network/trafficManagerProfiles/${name}`,
    key: { subscriptionId: TEST_SUB, resourceGroup: "rg1", profileName: name },
    ...overrides,
  });
}
