import { describe, expect, it } from "vitest";
import { TableAlertOutbox } from "../../../src/adapters/store/table-alert-outbox.js";
import { TableAlertStateStore } from "../../../src/adapters/store/table-alert-state-store.js";
import type { OutboxEntry } from "../../../src/app/ports/alert-outbox.js";
import { emptyAlertState } from "../../../src/core/alerts/incident.js";
import { anAlertMessage, PROFILE_KEY } from "../../support/builders/alert-builders.js";
import { azuriteTables, uniqueTableName } from "../../support/builders/table-store-builders.js";

const tables = azuriteTables();

function anEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: "2026-03-01T10:00:00.000Z~teams",
    profile: PROFILE_KEY,
    channel: "teams",
    createdAt: "2026-03-01T10:00:00.000Z",
    status: "pending",
    attempts: 0,
    message: anAlertMessage(),
    ...overrides,
  };
}

describe("TableAlertStateStore on Azurite", () => {
  it("returns undefined for a profile without state", async () => {
    const store = new TableAlertStateStore(tables, uniqueTableName("alst"));
    expect(await store.load(PROFILE_KEY)).toBeUndefined();
  });

  it("round-trips the state of a profile, whatever the key's case", async () => {
    const store = new TableAlertStateStore(tables, uniqueTableName("alst"));
    const state = {
      ...emptyAlertState(PROFILE_KEY),
      incidents: [
        {
          fingerprint: "f",
          code: "PRIMARY_NOT_SERVING" as const,
          endpoint: "web-eastus",
          severity: "critical" as const,
          message: "m".repeat(40_000),
          openedAt: "2026-03-01T10:00:00.000Z",
          lastSeenAt: "2026-03-01T10:00:00.000Z",
          lastNotifiedAt: "2026-03-01T10:00:00.000Z",
          absentCycles: 0,
        },
      ],
    };
    await store.save(state, undefined);
    expect((await store.load(PROFILE_KEY.toUpperCase()))?.state).toEqual(state);
  });
});

describe("TableAlertOutbox on Azurite", () => {
  it("records an entry once per id and lists pending entries oldest first", async () => {
    const outbox = new TableAlertOutbox(tables, uniqueTableName("albox"));
    const later = anEntry({ id: "2026-03-01T10:05:00.000Z~teams", createdAt: "2026-03-01T10:05:00.000Z" });
    await outbox.enqueue([later, anEntry()]);
    await outbox.enqueue([anEntry({ attempts: 99 })]);
    const pending = await outbox.pending(PROFILE_KEY);
    expect(pending.map((e) => [e.id, e.attempts])).toEqual([
      ["2026-03-01T10:00:00.000Z~teams", 0],
      ["2026-03-01T10:05:00.000Z~teams", 0],
    ]);
    expect(pending[0]!.message).toEqual(anAlertMessage());
  });

  it("stops listing an entry once it is delivered, and prunes old finished entries", async () => {
    const outbox = new TableAlertOutbox(tables, uniqueTableName("albox"));
    await outbox.enqueue([anEntry(), anEntry({ id: "2026-03-01T10:00:00.000Z~email", channel: "email" })]);
    await outbox.update(anEntry({ status: "delivered", attempts: 1, doneAt: "2026-03-01T10:00:01.000Z" }));
    expect((await outbox.pending(PROFILE_KEY)).map((e) => e.channel)).toEqual(["email"]);
    await outbox.prune(PROFILE_KEY, new Date("2026-03-09T00:00:00.000Z"));
    await outbox.update(anEntry({ status: "pending" }));
    // The delivered entry was pruned; re-adding it by update makes it pending again.
    expect((await outbox.pending(PROFILE_KEY)).map((e) => e.channel)).toEqual(["email", "teams"]);
  });
});

describe("alert dispatcher on Table storage", () => {
  it("keeps incidents and the outbox in the state table between cycles", async () => {
    const { createAlertDispatcher } = await import("../../../src/adapters/notify/create-alert-dispatcher.js");
    const { loadConfig } = await import("../../../src/config/load-config.js");
    const { aFinding, aReport, ManualClock } = await import("../../support/builders/alert-builders.js");
    const table = uniqueTableName("alpipe");
    const config = loadConfig({ TABLE_STATE: table });
    const clock = new ManualClock();
    const lines: string[] = [];
    const first = createAlertDispatcher(config, { clock, tables, write: (l) => lines.push(l) });
    await first.dispatch([aReport({ generatedAt: clock.now().toISOString(), findings: [aFinding()] })]);
    clock.advance(300_000);
    // A new process (new dispatcher) sees the open incident and resolves it.
    const second = createAlertDispatcher(config, { clock, tables, write: (l) => lines.push(l) });
    await second.dispatch([aReport({ generatedAt: clock.now().toISOString(), findings: [] })]);
    expect(lines.filter((l) => l.startsWith("[tm-sentinel]")).map((l) => l.split("\n")[0])).toEqual([
      "[tm-sentinel] CRITICAL contoso-prod: primary not serving",
      "[tm-sentinel] RESOLVED contoso-prod: resolved: primary not serving",
    ]);
    expect((await new TableAlertStateStore(tables, table).load(PROFILE_KEY))?.state.incidents).toEqual([]);
  });
});
