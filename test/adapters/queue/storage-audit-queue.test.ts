import { QueueClient } from "@azure/storage-queue";
import { describe, expect, inject, it } from "vitest";
import {
  createStorageAuditQueue,
  decodeMessage,
  encodeMessage,
} from "../../../src/adapters/queue/storage-audit-queue.js";
import { AppError } from "../../../src/app/errors.js";

const connectionString = inject("azuriteConnectionString");
let counter = 0;
function names(): { queueName: string; poisonQueueName: string } {
  const queueName = `aq-${process.pid}-${Date.now() % 1e6}-${counter++}`;
  return { queueName, poisonQueueName: `${queueName}-poison` };
}
const item = (profile: string) => ({ cycleId: "c1", cycleStartedAt: "2026-11-25T10:00:00.000Z", profile });

describe("storage audit queue", () => {
  it("enqueues one base64 JSON message per item, creating the queue", async () => {
    const n = names();
    const queue = createStorageAuditQueue({
      connection: { kind: "connection-string", connectionString },
      ...n,
    });
    await queue.enqueue([item("s/rg/a"), item("s/rg/b")]);
    const raw = new QueueClient(connectionString, n.queueName);
    const got = await raw.receiveMessages({ numberOfMessages: 32 });
    const bodies = got.receivedMessageItems.map((m) => {
      expect(m.messageText).toMatch(/^[A-Za-z0-9+/]+=*$/);
      return JSON.parse(Buffer.from(m.messageText, "base64").toString("utf8")) as unknown;
    });
    expect(bodies).toEqual(expect.arrayContaining([item("s/rg/a"), item("s/rg/b")]));
    expect(bodies).toHaveLength(2);
  });

  it("returns no poison messages while the poison queue does not exist", async () => {
    const queue = createStorageAuditQueue({
      connection: { kind: "connection-string", connectionString },
      ...names(),
    });
    await expect(queue.receivePoisoned(32)).resolves.toEqual([]);
  });

  it("reads poison messages and removes them", async () => {
    const n = names();
    const poison = new QueueClient(connectionString, n.poisonQueueName);
    await poison.create();
    await poison.sendMessage(encodeMessage(item("s/rg/a")));
    await poison.sendMessage("not base64 {");
    const queue = createStorageAuditQueue({
      connection: { kind: "connection-string", connectionString },
      ...n,
    });
    const got = await queue.receivePoisoned(32);
    expect(got.map((m) => m.body)).toEqual(expect.arrayContaining([item("s/rg/a"), "not base64 {"]));
    await Promise.all(got.map((m) => m.remove()));
    const left = await poison.peekMessages({ numberOfMessages: 32 });
    expect(left.peekedMessageItems).toHaveLength(0);
  });

  it("hides received poison messages from a second reader until removed", async () => {
    const n = names();
    const poison = new QueueClient(connectionString, n.poisonQueueName);
    await poison.create();
    await poison.sendMessage(encodeMessage(item("s/rg/a")));
    const queue = createStorageAuditQueue({
      connection: { kind: "connection-string", connectionString },
      ...n,
    });
    expect(await queue.receivePoisoned(32)).toHaveLength(1);
    expect(await queue.receivePoisoned(32)).toHaveLength(0);
  });

  it("raises UPSTREAM naming the queue when storage is unreachable", async () => {
    const unreachable =
      "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" +
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
      "QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";
    const queue = createStorageAuditQueue({
      connection: { kind: "connection-string", connectionString: unreachable },
      queueName: "unreachable-q",
      poisonQueueName: "unreachable-q-poison",
      maxTries: 1,
    });
    const error = await queue.enqueue([item("s/rg/a")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("UPSTREAM");
    expect((error as AppError).message).toContain("unreachable-q");
  });

  it("decodes what it encodes and keeps non-JSON text as text", () => {
    expect(decodeMessage(encodeMessage({ a: 1 }))).toEqual({ a: 1 });
    expect(decodeMessage("plain text!")).toBe("plain text!");
  });
});
