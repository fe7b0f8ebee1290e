import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRawAnswer, rawExchange } from "../support/raw-http.js";
import { bundleCli, startServeProcess, type ServeProcess } from "../support/serve-process.js";

let run: string;
let serve: ServeProcess;

beforeAll(async () => {
  run = await bundleCli();
  serve = await startServeProcess(run);
}, 90_000);

afterAll(async () => {
  await serve.stop();
});

const health = async () => (await fetch(`${serve.api}/health`)).status;

describe("serve survives what a careless client sends", () => {
  it("answers a malformed request line with 400 problem+json and keeps serving", async () => {
    const answer = parseRawAnswer(await rawExchange(serve.port, "GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n"));
    expect([answer.status, answer.contentType]).toEqual([400, "application/problem+json"]);
    expect(await health()).toBe(200);
  }, 30_000);

  it("answers bytes that are not HTTP with 400 problem+json and keeps serving", async () => {
    const answer = parseRawAnswer(await rawExchange(serve.port, "\u0000\u0001garbage\r\n\r\n"));
    expect([answer.status, answer.contentType]).toEqual([400, "application/problem+json"]);
    expect(await health()).toBe(200);
  }, 30_000);

  it("names the bound port in the OpenAPI servers URL when SERVE_PORT=0", async () => {
    const doc = (await (await fetch(`${serve.api}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(doc.servers[0]?.url).toBe(`http://localhost:${String(serve.port)}/api`);
  }, 30_000);

  it("answers a wrong method with 405 problem+json carrying Allow", async () => {
    const res = await fetch(`${serve.api}/health`, { method: "DELETE" });
    expect([res.status, res.headers.get("allow"), res.headers.get("content-type")]).toEqual([
      405,
      "GET",
      "application/problem+json",
    ]);
  }, 30_000);

  it("answers a 70 KB body and a 10 MB body with the same 413 problem", async () => {
    const url = `${serve.api}/profiles/00000000-0000-0000-0000-000000000000/tm-sentinel-demo/demo-failover/desired`;
    const put = async (size: number) => {
      const res = await fetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json", "if-match": "*" },
        body: `"${"a".repeat(size)}"`,
      });
      return {
        status: res.status,
        type: res.headers.get("content-type"),
        body: await res.json(),
      };
    };
    const small = await put(70_000);
    const large = await put(10_000_000);
    expect(small).toMatchObject({ status: 413, type: "application/problem+json" });
    expect(large).toEqual(small);
    expect(await health()).toBe(200);
  }, 60_000);
});

describe("serve with a closed stdout", () => {
  it("stops cleanly when its reader goes away (serve | head -3), leaving no temp folder", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "tms-head-"));
    const shell = spawn("sh", ["-c", `"${process.execPath}" "${run}" serve | head -3`], {
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: process.env["HOME"] ?? "/tmp",
        TMPDIR: tmp,
        SERVE_PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    shell.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => shell.once("exit", resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(await readdir(tmp)).toEqual([]);
  }, 90_000);
});

describe("the demo start message", () => {
  const desiredUrl = () =>
    `${serve.api}/profiles/00000000-0000-0000-0000-000000000000/tm-sentinel-demo/demo-failover/desired`;

  it("shows the ETag flow and every demo control URL", () => {
    expect(serve.output()).toContain('-H "If-Match: $ETAG"');
    expect(serve.output()).not.toContain("If-Match: *");
    expect(serve.output()).toMatch(/\/fail\?endpoint=primary/);
    expect(serve.output()).toMatch(/\/recover\?endpoint=primary/);
  });

  it("works as printed: GET, then PUT with that ETag", async () => {
    const etag = (await fetch(desiredUrl())).headers.get("etag")!;
    const res = await fetch(desiredUrl(), {
      method: "PUT",
      headers: { "content-type": "application/json", "if-match": etag },
      body: JSON.stringify({
        routingMethod: "Priority",
        endpoints: [
          { name: "demo-backup", enabled: true },
          { name: "demo-primary", enabled: true },
        ],
      }),
    });
    expect(res.status).toBe(200);
  }, 30_000);

  it("rejects an unknown demo endpoint name", async () => {
    const base = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output())![1]!;
    const res = await fetch(`${base}/fail?endpoint=nope`);
    expect([res.status, await res.text()]).toEqual([400, "endpoint must be one of primary, backup\n"]);
  }, 30_000);
});
