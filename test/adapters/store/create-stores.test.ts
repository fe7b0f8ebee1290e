import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf } from "../../support/config-errors.js";
import { describeStores } from "../../../src/adapters/store/create-stores.js";

const problemsOf = (env: Record<string, string>) => configErrorOf(env)?.problems ?? [];

describe("store settings", () => {
  it("refuses a plain-http STATE_TABLE_ENDPOINT, over which no managed-identity token is ever sent", () => {
    expect(problemsOf({ STATE_TABLE_ENDPOINT: "http://acct.table.core.windows.net" })).toEqual([
      { setting: "STATE_TABLE_ENDPOINT", message: expect.stringContaining("https://") as string },
    ]);
  });

  it("uses STATE_TABLE_ENDPOINT with the managed identity over AzureWebJobsStorage, without its trailing slash", () => {
    const config = loadConfig({
      STATE_TABLE_ENDPOINT: "https://acct.table.core.windows.net/",
      AzureWebJobsStorage: "UseDevelopmentStorage=true",
    });
    expect(config.store.connection).toEqual({
      kind: "identity",
      endpoint: "https://acct.table.core.windows.net",
    });
    expect(describeStores(config)).toContain("https://acct.table.core.windows.net (managed identity)");
  });
});
