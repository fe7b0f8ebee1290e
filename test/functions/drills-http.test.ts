import { describe, expect, it } from "vitest";
import type { DrillMessage, DrillQueue } from "../../src/app/ports/drill-queue.js";
import { getDrillFunction } from "../../src/functions/get-drill.js";
import { listDrillsFunction } from "../../src/functions/list-drills.js";
import { startDrillFunction } from "../../src/functions/start-drill.js";
import {
  aWatchedProfile,
  buildTableRuntime,
  profileParams,
  TEST_SUB,
} from "../support/builders/http-runtime.js";
import { invokeDocumented } from "../support/documented-invoke.js";

const KEY = `${TEST_SUB}/rg1/contoso`;
const path = `profiles/${KEY}/drills`;

function recordingQueue(): DrillQueue & { sent: DrillMessage[] } {
  const sent: DrillMessage[] = [];
  return { sent, send: (m) => Promise.resolve(void sent.push(m)) };
}

async function runtime(writes = true) {
  const queue = recordingQueue();
  const rt = await buildTableRuntime(
    [aWatchedProfile()],
    { drillQueue: queue },
    writes ? { TM_ENABLE_WRITE_FEATURES: "true" } : {},
  );
  return { rt, queue };
}

const post = (body?: string) => ({
  method: "POST",
  params: profileParams(KEY),
  ...(body !== undefined ? { body, headers: { "content-type": "application/json" } } : {}),
});

describe("drill routes", () => {
  it("answer 403 problem+json naming TM_ENABLE_WRITE_FEATURES when writes are off", async () => {
    const { rt, queue } = await runtime(false);
    for (const def of [startDrillFunction, listDrillsFunction, getDrillFunction]) {
      const res = await invokeDocumented(def, rt, path, { params: { ...profileParams(KEY), id: "d1" } });
      expect(res.status).toBe(403);
      expect(res.header("content-type")).toMatch(/problem\+json/);
      expect(JSON.stringify(res.json())).toContain("TM_ENABLE_WRITE_FEATURES");
    }
    expect(queue.sent).toEqual([]);
  });

  it("start a drill with 202 and its Location, without waiting for it", async () => {
    const { rt, queue } = await runtime();
    const res = await invokeDocumented(startDrillFunction, rt, path, post('{"dryRun":true}'));
    const body = res.json() as { id: string; dryRun: boolean; outcome: unknown };
    expect(res.status).toBe(202);
    expect(res.header("location")).toBe(`/api/${path}/${body.id}`);
    expect(body).toMatchObject({ dryRun: true, outcome: null });
    expect(queue.sent).toEqual([{ profile: KEY, drillId: body.id, seq: 0 }]);
  });

  it("answer 409 to a second drill while the first runs", async () => {
    const { rt } = await runtime();
    expect((await invokeDocumented(startDrillFunction, rt, path, post())).status).toBe(202);
    const second = await invokeDocumented(startDrillFunction, rt, path, post());
    expect(second.status).toBe(409);
    expect(second.header("content-type")).toMatch(/problem\+json/);
  });

  it("reject an unknown body field with 400 naming its path, starting nothing", async () => {
    const { rt, queue } = await runtime();
    const res = await invokeDocumented(startDrillFunction, rt, path, post('{"dry": true}'));
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ path: "$.dry" }] });
    expect(queue.sent).toEqual([]);
  });

  it("list drills newest first and return one by id (404 for an unknown id)", async () => {
    const { rt } = await runtime();
    const started = (await invokeDocumented(startDrillFunction, rt, path, post())).json() as { id: string };
    const list = await invokeDocumented(listDrillsFunction, rt, path, { params: profileParams(KEY) });
    expect((list.json() as { drills: { id: string }[] }).drills.map((d) => d.id)).toEqual([started.id]);
    const one = await invokeDocumented(getDrillFunction, rt, `${path}/${started.id}`, {
      params: { ...profileParams(KEY), id: started.id },
    });
    expect(one.status).toBe(200);
    expect(one.json()).toMatchObject({ id: started.id, profile: KEY, steps: [{ action: "start" }] });
    const missing = await invokeDocumented(getDrillFunction, rt, `${path}/nope`, {
      params: { ...profileParams(KEY), id: "nope" },
    });
    expect(missing.status).toBe(404);
  });
});
