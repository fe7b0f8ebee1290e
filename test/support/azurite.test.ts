import { TableClient } from "@azure/data-tables";
import { describe, expect, inject, it } from "vitest";

describe("Azurite started by the test setup", () => {
  it("accepts a table round trip with ETags", async () => {
    const client = TableClient.fromConnectionString(
      inject("azuriteConnectionString"),
      "smoketest" + Date.now(),
      {
        allowInsecureConnection: true,
      },
    );
    await client.createTable();
    await client.upsertEntity({ partitionKey: "p", rowKey: "r", v: 1 }, "Replace");
    const got = await client.getEntity<{ v: number }>("p", "r");
    expect(got.v).toBe(1);
    expect(got.etag).toMatch(/^W\/"datetime/);
  });
});
