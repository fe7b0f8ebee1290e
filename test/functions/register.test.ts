import type {
  HttpFunctionOptions,
  StorageQueueFunctionOptions,
  TimerFunctionOptions,
} from "@azure/functions";
import { HttpRequest, InvocationContext } from "@azure/functions";
import { describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { loadConfig } from "../../src/config/load-config.js";
import { allFunctions } from "../../src/functions/all-functions.js";
import { once, registerFunctions, type FunctionsApp } from "../../src/functions/register.js";

/** Records what would be handed to `@azure/functions`' `app` (outside the host it skips registration). */
function recordingApp() {
  const calls: {
    method: "http" | "timer" | "storageQueue";
    name: string;
    options: Record<string, unknown>;
  }[] = [];
  const app: FunctionsApp = {
    http: (name, options: HttpFunctionOptions) =>
      calls.push({ method: "http", name, options: { ...options } }),
    timer: (name, options: TimerFunctionOptions) =>
      calls.push({ method: "timer", name, options: { ...options } }),
    storageQueue: (name, options: StorageQueueFunctionOptions) =>
      calls.push({ method: "storageQueue", name, options: { ...options } }),
  };
  return { app, calls };
}

const noRuntime = () => Promise.reject(new Error("runtime not needed"));

describe("function registration", () => {
  it("gives every HTTP function an explicit auth level, anonymous only for health", () => {
    const { app, calls } = recordingApp();
    registerFunctions(app, allFunctions, loadConfig({}), noRuntime);
    const http = calls.filter((c) => c.method === "http");
    expect(http.length).toBeGreaterThanOrEqual(6);
    for (const c of http) expect(["function", "anonymous", "admin"]).toContain(c.options["authLevel"]);
    expect(http.filter((c) => c.options["authLevel"] === "anonymous").map((c) => c.name)).toEqual(["health"]);
  });

  it("registers the audit timer with the configured schedule, not on start-up, with the monitor", () => {
    const { app, calls } = recordingApp();
    registerFunctions(app, allFunctions, loadConfig({ AUDIT_SCHEDULE: "0 0 * * * *" }), noRuntime);
    const timer = calls.find((c) => c.method === "timer");
    expect(timer?.name).toBe("audit");
    expect(timer?.options).toMatchObject({ schedule: "0 0 * * * *", runOnStartup: false, useMonitor: true });
  });

  it("registers audit-profile on the configured queue through the AzureWebJobsStorage connection", () => {
    const { app, calls } = recordingApp();
    registerFunctions(app, allFunctions, loadConfig({ AUDIT_QUEUE: "my-audits" }), noRuntime);
    const queue = calls.find((c) => c.method === "storageQueue");
    expect(queue?.name).toBe("audit-profile");
    expect(queue?.options).toMatchObject({ queueName: "my-audits", connection: "AzureWebJobsStorage" });
  });

  it("uses unique function names", () => {
    const names = allFunctions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("builds the runtime once, on the first invocation, and shares it between functions", async () => {
    let builds = 0;
    const runtime = once(() => {
      builds++;
      return Promise.resolve({} as Runtime);
    });
    const { app, calls } = recordingApp();
    registerFunctions(app, allFunctions, loadConfig({}), runtime);
    expect(builds).toBe(0);
    const health = calls.find((c) => c.name === "health")!.options[
      "handler"
    ] as HttpFunctionOptions["handler"];
    const request = () => new HttpRequest({ method: "GET", url: "http://localhost/api/health" });
    await health(request(), new InvocationContext());
    await health(request(), new InvocationContext());
    expect(builds).toBe(1);
  });

  it("answers an HTTP call with problem+json and logs the cause when the runtime cannot be built", async () => {
    const { app, calls } = recordingApp();
    registerFunctions(app, allFunctions, loadConfig({}), () =>
      Promise.reject(new Error("CredentialUnavailableError: no managed identity endpoint")),
    );
    const list = calls.find((c) => c.name === "listProfiles")!.options[
      "handler"
    ] as HttpFunctionOptions["handler"];
    const logs: string[] = [];
    const context = new InvocationContext({ logHandler: (_level, ...args) => logs.push(args.join(" ")) });
    const res = (await list(
      new HttpRequest({ method: "GET", url: "http://localhost/api/profiles" }),
      context,
    )) as { status: number; headers: Record<string, string>; body: string };
    expect(res.status).toBe(500);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(res.body)).toMatchObject({ status: 500, title: "Internal server error" });
    expect(res.body).not.toContain("managed identity");
    expect(logs.join("\n")).toContain("CredentialUnavailableError");
  });

  it("retries building the runtime after a failed build", async () => {
    let attempts = 0;
    const runtime = once(() =>
      ++attempts === 1 ? Promise.reject(new Error("boom")) : Promise.resolve(attempts),
    );
    await expect(runtime()).rejects.toThrow("boom");
    await expect(runtime()).resolves.toBe(2);
    await expect(runtime()).resolves.toBe(2);
  });
});
