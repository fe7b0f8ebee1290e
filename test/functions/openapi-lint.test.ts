import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../src/functions/http/openapi-document.js";

const run = promisify(execFile);
const redocly = resolve("node_modules/.bin/redocly");

/** Runs the pinned @redocly/cli offline on the generated document; resolves with its JSON report. */
async function lint(): Promise<{ totals: { errors: number; warnings: number }; problems: unknown[] }> {
  const dir = await mkdtemp(join(tmpdir(), "tms-openapi-"));
  try {
    const file = join(dir, "openapi.json");
    await writeFile(file, JSON.stringify(buildOpenApiDocument("https://tm-sentinel.azurewebsites.net/api")));
    const out = await run(redocly, ["lint", "--extends", "recommended", "--format", "json", file], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
    return JSON.parse(out.stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the generated OpenAPI document", () => {
  it("passes redocly lint (recommended rules) with 0 errors and 0 warnings", async () => {
    const report = await lint();
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
