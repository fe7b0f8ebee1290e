import { beforeAll, describe, expect, it } from "vitest";
import type { LiveProfileSource } from "../../src/app/ports/live-profile-source.js";
import type { Runtime } from "../../src/composition-root.js";
import { auditNowFunction } from "../../src/functions/audit-now.js";
import { getDesiredFunction } from "../../src/functions/get-desired.js";
import {
  aWatchedProfile,
  buildTableRuntime,
  invoke,
  profileParams,
  staticLiveSource,
  TEST_SUB,
} from "../support/builders/http-runtime.js";
import { snapshotTables } from "../support/builders/table-snapshot.js";

const OTHER_SUB = "0000bbbb-0000-4000-8000-00000000000b";
const explicitId = `/subscriptions/${OTHER_SUB}/resourceGroups/rg9/providers/Microsoft.Network/trafficManagerProfiles/named`;

let rt: Runtime;
const reads: string[] = [];
const alerts: unknown[] = [];

beforeAll(async () => {
  const inner = staticLiveSource([aWatchedProfile({ name: "real" })]);
  const live: LiveProfileSource = {
    readWatched: () => inner.readWatched(),
    readProfiles: (keys) => {
      reads.push(...keys.map((k) => `${k.subscriptionId}/${k.resourceGroup}/${k.profileName}`));
      return inner.readProfiles(keys);
    },
  };
  rt = await buildTableRuntime(
    [],
    {
      live,
      alerts: {
        deliveryFindings: () => Promise.resolve([]),
        dispatch: (...args: unknown[]) => {
          alerts.push(args);
          return Promise.resolve();
        },
      },
    },
    { TM_WATCH: `/subscriptions/${TEST_SUB}/resourceGroups/rg1,${explicitId}`, PROBE_ENABLED: "false" },
  );
});

const call = (key: string, params = profileParams(key)) =>
  invoke(auditNowFunction, rt, `profiles/${key}/audit`, { params });

describe("per-profile routes only answer for watched profiles", () => {
  it("answers a misspelled profile in a watched resource group with 404, storing and sending nothing", async () => {
    const before = await snapshotTables(rt);
    const res = await call(`${TEST_SUB}/rg1/nope`);
    expect([res.status, res.header("content-type")]).toEqual([404, "application/problem+json"]);
    expect(await snapshotTables(rt)).toEqual(before);
    expect(alerts).toEqual([]);
  });

  it("answers a profile outside every TM_WATCH entry with 404 without reading anything", async () => {
    reads.length = 0;
    const res = await call(`${OTHER_SUB}/rg9/other`);
    expect(res.status).toBe(404);
    expect(reads).toEqual([]);
  });

  it("answers a NUL in the profile name with 400 naming the segment, without reading anything", async () => {
    reads.length = 0;
    const res = await call(`${TEST_SUB}/rg1/x`, {
      sub: TEST_SUB,
      rg: "rg1",
      name: `a${String.fromCharCode(0)}b`,
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ path: "route.profileName" }] });
    expect(reads).toEqual([]);
  });

  it("answers a subscription that is not a GUID with 400 naming it", async () => {
    const res = await call("sub1/rg1/real");
    expect(res.json()).toMatchObject({ status: 400, errors: [{ path: "route.subscriptionId" }] });
  });

  it("lets an explicitly watched profile through without an extra live read", async () => {
    reads.length = 0;
    const key = `${OTHER_SUB}/rg9/named`;
    const res = await invoke(getDesiredFunction, rt, `profiles/${key}/desired`, {
      params: profileParams(key),
    });
    expect([res.status, reads]).toEqual([404, []]);
    expect(res.json()).toMatchObject({ detail: expect.stringContaining("No desired state") as unknown });
  });

  it("audits a watched profile found through its resource group", async () => {
    expect((await call(`${TEST_SUB}/RG1/Real`)).status).toBe(200);
  });
});
