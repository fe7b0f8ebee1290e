import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Plan } from "../../src/core/reconcile/plan.js";
import type { Report } from "../../src/core/report.js";
import { startServe, type RunningServe } from "../../src/serve/start-serve.js";
import { DEMO_PROFILE_KEY } from "../../src/serve/demo-profile.js";
import { uniqueTableName } from "../support/builders/table-store-builders.js";

let serve: RunningServe;
beforeAll(async () => {
  serve = await startServe({
    env: {
      AzureWebJobsStorage: inject("azuriteConnectionString"),
      TABLE_DESIRED: uniqueTableName("demodesired"),
      TABLE_REPORTS: uniqueTableName("demoreports"),
      TABLE_STATE: uniqueTableName("demostate"),
      ALERT_CONSOLE: "false",
    },
    port: 0,
    out: () => undefined,
  });
  // The audit at start stores the first probe verdicts; a plan made before it would be stale after.
  while ((await fetch(url("report"))).status !== 200) await new Promise((r) => setTimeout(r, 100));
});
afterAll(() => serve.stop());

const url = (suffix: string) => `${serve.url}/profiles/${DEMO_PROFILE_KEY}/${suffix}`;

describe("the serve demo plans and applies", () => {
  it("reorders the demo profile through plan and apply; the next audit has no order drift", async () => {
    const current = await fetch(url("desired"));
    const put = await fetch(url("desired"), {
      method: "PUT",
      headers: { "content-type": "application/json", "if-match": current.headers.get("etag")! },
      body: JSON.stringify({
        routingMethod: "Priority",
        endpoints: [
          { name: "demo-backup", enabled: true },
          { name: "demo-primary", enabled: true },
        ],
      }),
    });
    expect(put.status).toBe(200);

    const planned = await fetch(url("plan"), { method: "POST" });
    const plan = (await planned.json()) as Plan;
    expect(plan.changes.map((c) => `${c.name} ${c.field}`)).toEqual(["demo-primary priority"]);

    const applied = await fetch(url("apply"), {
      method: "POST",
      headers: { "content-type": "application/json", "if-match": planned.headers.get("etag")! },
      body: JSON.stringify({ planHash: plan.hash }),
    });
    expect(applied.status).toBe(200);

    const report = (await (await fetch(url("audit"), { method: "POST" })).json()) as Report;
    expect(report.findings.map((f) => f.code)).not.toContain("ORDER_DRIFT");
    expect(report.liveOrder).toEqual(["demo-backup", "demo-primary"]);
  });
});
