import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/composition-root.js";
import { getDesiredFunction } from "../../src/functions/get-desired.js";
import { putDesiredFunction } from "../../src/functions/put-desired.js";
import { startHttpHost, type HttpHost } from "../../src/serve/http-host.js";
import { buildTableRuntime } from "../support/builders/http-runtime.js";

let rt: Runtime;
let host: HttpHost;

beforeAll(async () => {
  rt = await buildTableRuntime([]);
  host = await startHttpHost(rt, [getDesiredFunction, putDesiredFunction], 0, () => undefined);
});

afterAll(() => host.close());

describe("the serve HTTP host", () => {
  it("answers a chunked upload that never ends with 413 problem+json", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(chunk) });
    const res = await fetch(`${host.url}/profiles/s/r/n/desired`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: endless,
      duplex: "half",
    });
    expect([res.status, res.headers.get("content-type")]).toEqual([413, "application/problem+json"]);
  });

  it("answers a route segment that is not valid percent-encoding with 400 problem+json", async () => {
    const res = await fetch(`${host.url}/profiles/s/%E0%A4%A/n/desired`);
    expect([res.status, res.headers.get("content-type")]).toEqual([400, "application/problem+json"]);
  });
});
