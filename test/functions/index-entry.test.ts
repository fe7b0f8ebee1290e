import { describe, expect, it } from "vitest";

describe("the Functions entry (src/index.ts)", () => {
  it("registers every function with its trigger, route, methods, auth level, schedule and queue", async () => {
    process.env["AUDIT_SCHEDULE"] = "0 */10 * * * *";
    process.env["AUDIT_QUEUE"] = "entry-test-audit";
    const { registrations } = await import("../../src/index.js");
    const byName = new Map(registrations.map((r) => [r.name, r]));

    expect(byName.get("health")).toEqual({
      trigger: "http",
      name: "health",
      methods: ["GET"],
      route: "health",
      authLevel: "anonymous",
    });
    expect(byName.get("audit")).toEqual({
      trigger: "timer",
      name: "audit",
      schedule: "0 */10 * * * *",
      runOnStartup: false,
      useMonitor: true,
    });
    expect(byName.get("audit-profile")).toEqual({
      trigger: "queue",
      name: "audit-profile",
      queueName: "entry-test-audit",
      connection: "AzureWebJobsStorage",
    });
    const routes = registrations.flatMap((r) =>
      r.trigger === "http" ? [`${r.methods.join(",")} ${r.route}`] : [],
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        "GET profiles",
        "GET profiles/{sub}/{rg}/{name}/desired",
        "PUT profiles/{sub}/{rg}/{name}/desired",
        "POST profiles/{sub}/{rg}/{name}/desired/adopt",
        "GET profiles/{sub}/{rg}/{name}/report",
      ]),
    );
    for (const r of registrations)
      if (r.trigger === "http" && r.name !== "health") expect(r.authLevel).toBe("function");
  });
});
