import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { parseDuration } from "../../src/cli/silence-args.js";
import { run } from "../../src/cli/silence-command.js";
import { uniqueTableName } from "../support/builders/table-store-builders.js";

const PROFILE_FILE = join(import.meta.dirname, "../fixtures/arm-examples/Profile-GET-WithEndpoints.json");
const KEY =
  "{subscription-id}/azuresdkfornetautoresttrafficmanager1323/azuresdkfornetautoresttrafficmanager3880";

function cli() {
  const env = {
    AzureWebJobsStorage: inject("azuriteConnectionString"),
    TABLE_STATE: uniqueTableName("state"),
    LIVE_PROFILE_FILE: PROFILE_FILE,
  };
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
  return {
    out,
    err,
    run: async (...args: string[]) => {
      out.length = 0;
      err.length = 0;
      return run(args, io, env);
    },
  };
}

describe("tm-sentinel silence", () => {
  it("adds, lists and expires a silence in Table storage", async () => {
    const c = cli();
    expect(
      await c.run(
        "add",
        "--profile",
        KEY,
        "--code",
        "PRIMARY_NOT_SERVING",
        "--for",
        "2h",
        "--comment",
        "failover drill",
      ),
    ).toBe(0);
    const id = /\(id ([0-9a-f-]{36})\)/.exec(c.out.join("\n"))?.[1];
    expect(id).toBeDefined();

    expect(await c.run("list", "--format", "json")).toBe(0);
    const listed = JSON.parse(c.out.join("")) as {
      silences: { id: string; createdBy: string; comment: string }[];
    };
    expect(listed.silences).toEqual([expect.objectContaining({ id, comment: "failover drill" })]);
    expect(listed.silences[0]?.createdBy).toMatch(/^cli/);

    expect(await c.run("list")).toBe(0);
    expect(c.out.join("\n")).toContain(`${id!}  active`);

    expect(await c.run("expire", id!)).toBe(0);
    expect(c.out.join("\n")).toContain(`Expired silence ${id!}`);
    expect(await c.run("list")).toBe(0);
    expect(c.out.join("\n")).toBe("No current silences.");
    expect(await c.run("list", "--state", "expired")).toBe(0);
    expect(c.out.join("\n")).toContain(`${id!}  expired`);
  });

  it("refuses an unwatched profile and an unknown code, naming the field", async () => {
    const c = cli();
    expect(await c.run("add", "--profile", "sub/rg/other", "--for", "1h", "--comment", "x")).toBe(1);
    expect(c.err.join("\n")).toContain("$.matchers.profile: is not a watched profile");
    expect(await c.run("add", "--profile", KEY, "--code", "NOPE", "--for", "1h", "--comment", "x")).toBe(1);
    expect(c.err.join("\n")).toContain("$.matchers.codes[0]");
  });

  it("parses durations", () => {
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("3d")).toBe(259_200_000);
    expect(parseDuration("2 hours")).toBeUndefined();
    expect(parseDuration("0m")).toBeUndefined();
  });
});
