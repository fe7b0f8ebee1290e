import { describe, expect, it } from "vitest";
import { MemoryStatusHistoryStore } from "../../../src/adapters/memory/memory-status-history-store.js";
import { recordBatchHistory } from "../../../src/app/fan-out/record-batch-history.js";
import type { StatusHistoryStore } from "../../../src/app/ports/status-history-store.js";
import { aStatusReport } from "../../support/builders/status-builders.js";

const reports = [
  aStatusReport({ profile: "Sub1/RG1/Contoso" }),
  aStatusReport({ profile: "sub1/rg1/fabrikam" }),
];
const notRecorded = () => Promise.reject(new Error("record must not be called"));
const read = () => Promise.resolve(new Map());

describe("recordBatchHistory", () => {
  it("records the batch with recordMany when the store has it", async () => {
    const store = new MemoryStatusHistoryStore();
    const errors = await recordBatchHistory(
      { recordMany: (r) => store.recordMany(r), record: notRecorded, read: (q) => store.read(q) },
      reports,
    );
    expect(errors).toEqual([]);
    const history = await store.read({ samplesSince: new Date(0), eventsSince: new Date(0) });
    expect([...history.keys()]).toEqual(["sub1/rg1/contoso", "sub1/rg1/fabrikam"]);
  });

  it("turns a profile's failure into a history error naming the profile as reported", async () => {
    const store: StatusHistoryStore = {
      recordMany: () =>
        Promise.resolve(
          new Map<string, Error | []>([
            ["sub1/rg1/contoso", new Error("HTTP 503")],
            ["sub1/rg1/fabrikam", []],
          ]),
        ),
      record: notRecorded,
      read,
    };
    expect(await recordBatchHistory(store, reports)).toEqual([
      { stage: "history", profile: "Sub1/RG1/Contoso", message: "HTTP 503" },
    ]);
  });

  it("never throws when recordMany does", async () => {
    const store: StatusHistoryStore = {
      recordMany: () => Promise.reject(new Error("no table")),
      record: notRecorded,
      read,
    };
    expect(await recordBatchHistory(store, reports)).toEqual([{ stage: "history", message: "no table" }]);
  });

  it("records report by report when the store has no recordMany", async () => {
    const recorded: string[] = [];
    const store: StatusHistoryStore = {
      record: (r) => (recorded.push(r.profile), Promise.resolve([])),
      read,
    };
    expect(await recordBatchHistory(store, reports)).toEqual([]);
    expect(recorded).toEqual(["Sub1/RG1/Contoso", "sub1/rg1/fabrikam"]);
  });
});
