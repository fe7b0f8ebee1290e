import { HttpRequest, InvocationContext } from "@azure/functions";
import { describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { healthFunction } from "../../src/functions/health.js";

describe("GET /api/health", () => {
  it("answers 200 with only a status, without touching the runtime", async () => {
    const handler = healthFunction.create({} as Runtime);
    const res = await handler(
      new HttpRequest({ method: "GET", url: "http://localhost:7071/api/health" }),
      new InvocationContext(),
    );
    expect(res.status).toBe(200);
    expect(res.jsonBody).toEqual({ status: "ok" });
  });

  it("is anonymous so platform probes need no key", () => {
    expect(healthFunction).toMatchObject({ authLevel: "anonymous", methods: ["GET"], route: "health" });
  });
});
