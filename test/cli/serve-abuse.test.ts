import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { DEMO_PROFILE_KEY } from "../../src/serve/demo-profile.js";
import { httpDefinitions, pathOf, perProfileDefinitions, segmentCases } from "../support/abuse-cases.js";
import { dumpTable, uniqueTableName } from "../support/builders/table-store-builders.js";
import { parseRawAnswer, rawExchange } from "../support/raw-http.js";
import { expectDocumentedResponse, expectProblemAnswer } from "../support/openapi-validator.js";
import { bundleCli, startServeProcess, type ServeProcess } from "../support/serve-process.js";

let serve: ServeProcess;
const tables = {
  TABLE_DESIRED: uniqueTableName("abusedesired"),
  TABLE_REPORTS: uniqueTableName("abusereports"),
  TABLE_STATE: uniqueTableName("abusestate"),
};

async function snapshot(): Promise<string[]> {
  return Promise.all(Object.values(tables).map((t) => dumpTable(t).catch(() => "absent")));
}

beforeAll(async () => {
  serve = await startServeProcess(await bundleCli(), {
    AzureWebJobsStorage: inject("azuriteConnectionString"),
    ...tables,
    // Only the audit at start runs while the suite compares tables.
    AUDIT_SCHEDULE: "0 0 0 1 1 *",
  });
  for (let i = 0; i < 600 && !/report \S+demo-failover/.test(serve.output()); i++)
    await new Promise((r) => setTimeout(r, 100));
}, 120_000);

afterAll(async () => {
  await serve.stop();
});

/** What fetch got, in the shape the OpenAPI validator reads. */
async function answerOf(res: Response) {
  const body = await res.text();
  return { status: res.status, body, header: (name: string) => res.headers.get(name) ?? undefined };
}

/** GET /api/health, its answer checked against the document. */
const health = async () => {
  const res = await answerOf(await fetch(`${serve.api}/health`));
  expectDocumentedResponse("health", "GET", res);
  return res.status;
};
const demoSub = DEMO_PROFILE_KEY.split("/")[0]!;

describe("the real serve process refuses abuse on every route", () => {
  const cases = perProfileDefinitions.flatMap((def) =>
    def.methods.flatMap((method) =>
      segmentCases
        .filter((c) => !c.params.rg.includes("/") && c.params.rg !== "..") // URL-level cases below
        .map((c) => ({ def, method, c })),
    ),
  );

  it.each(cases.map((x) => [x.def.name, x.method, x.c.what, x]))(
    "%s %s with %s: problem+json, zero writes, health still answers",
    async (_n, _m, _w, { def, method, c }) => {
      const before = await snapshot();
      // The demo's subscription is the watched one under serve.
      const path = pathOf(def, c.path.replace("0000aaaa-0000-4000-8000-00000000000a", demoSub));
      const res = await fetch(`${serve.api}/${path}`, {
        method,
        headers: { "content-type": "application/json", "if-match": "*" },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      expect(res.status).toBe(c.status === 404 ? 404 : 400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expectDocumentedResponse(def.route, method, await answerOf(res));
      expect(await snapshot()).toEqual(before);
      expect(await health()).toBe(200);
    },
    30_000,
  );

  it.each(httpDefinitions.map((d) => [d.name, d]))(
    "%s answers a method it does not take with 405 and Allow",
    async (_n, def) => {
      const res = await fetch(`${serve.api}/${pathOf(def, `${demoSub}/x/y`)}`, { method: "PATCH" });
      const allowed = httpDefinitions.filter((d) => d.route === def.route).flatMap((d) => d.methods);
      expect([res.status, res.headers.get("allow")]).toEqual([405, allowed.join(", ")]);
      // The host answers a method no operation documents: its body is the document's Problem.
      expectProblemAnswer(
        `PATCH /${def.route}`,
        res.headers.get("content-type") ?? undefined,
        await res.json(),
      );
    },
  );

  // `..` (also as %2e%2e) is resolved by the URL parser, so that path reaches no route: the
  // host's 404. `%2F` stays inside the segment: the report route's own 400.
  it.each([
    ["%2F", `profiles/${demoSub}/a%2Fb/demo-failover/report`, "profiles/{sub}/{rg}/{name}/report"],
    ["%2e%2e", `profiles/${demoSub}/%2e%2e/demo-failover/report`, undefined],
    ["raw ..", `profiles/${demoSub}/../demo-failover/report`, undefined],
  ])("answers a path with %s with 4xx problem+json and writes nothing", async (_w, path, route) => {
    const before = await snapshot();
    const answer = parseRawAnswer(
      await rawExchange(serve.port, `GET /api/${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    expect(answer.status).toBe(route ? 400 : 404);
    expect(answer.contentType).toBe("application/problem+json");
    if (route)
      expectDocumentedResponse(route, "GET", {
        status: answer.status,
        body: JSON.stringify(answer.body),
        header: (name) => (name === "content-type" ? answer.contentType : undefined),
      });
    else expectProblemAnswer(`GET /api/${path}`, answer.contentType, answer.body);
    expect(await snapshot()).toEqual(before);
  });

  it("answers a malformed request line and a never-ending body, then still answers /api/health", async () => {
    const before = await snapshot();
    // Without Host (Node would answer that with an empty 400 of its own) and with one.
    for (const head of ["GET http://[ HTTP/1.1\r\n\r\n", "GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n"]) {
      const malformed = parseRawAnswer(await rawExchange(serve.port, head));
      expect(malformed.status).toBe(400);
      expectProblemAnswer(JSON.stringify(head), malformed.contentType, malformed.body);
    }
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(chunk) });
    const res = await fetch(`${serve.api}/profiles/${DEMO_PROFILE_KEY}/desired`, {
      method: "PUT",
      headers: { "content-type": "application/json", "if-match": "*" },
      body: endless,
      duplex: "half",
    });
    expect([res.status, res.headers.get("content-type")]).toEqual([413, "application/problem+json"]);
    expectDocumentedResponse("profiles/{sub}/{rg}/{name}/desired", "PUT", await answerOf(res));
    expect(await snapshot()).toEqual(before);
    expect(await health()).toBe(200);
  }, 60_000);
});
