import { describe, expect, it } from "vitest";
import { MemoryAlertOutbox } from "../../src/adapters/memory/memory-alert-outbox.js";
import { deliverChannel } from "../../src/app/deliver-outbox.js";
import type { OutboxEntry } from "../../src/app/ports/alert-outbox.js";
import type { AlertSender } from "../../src/app/ports/alert-sender.js";
import { DEFAULT_BACKOFF } from "../../src/core/alerts/retry-delay.js";
import { anAlertMessage, ManualClock, MINUTE } from "../support/builders/alert-builders.js";

const entry = (n: number, at: Date): OutboxEntry => ({
  id: `${String(n).padStart(12, "0")}~teams`,
  profile: "sub/rg/p",
  channel: "teams",
  createdAt: at.toISOString(),
  status: "pending",
  attempts: 0,
  message: anAlertMessage(),
});

describe("deliverChannel leases (issue 10)", () => {
  it("reads the clock at each claim, so a later entry's lease is not already over when it is sent", async () => {
    const clock = new ManualClock();
    const outbox = new MemoryAlertOutbox();
    const start = clock.now();
    await outbox.enqueue([entry(1, start), entry(2, start)]);
    const entries = await outbox.pending("sub/rg/p");
    const leaseSeenAtSend: number[] = [];
    const sender: AlertSender = {
      channel: "teams",
      async send() {
        const pending = await outbox.pending("sub/rg/p");
        const mine = pending.find((p) => p.attempts > 0 && p.status === "pending");
        leaseSeenAtSend.push(Date.parse(mine?.nextAttemptAt ?? "") - clock.now().getTime());
        clock.advance(15 * MINUTE); // a slow send: longer than the 10-minute lease
      },
    };
    await deliverChannel(sender, entries, {
      outbox,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      backoff: DEFAULT_BACKOFF,
      maxAgeMs: 24 * 60 * MINUTE,
      now: start,
      clock,
      down: new Set(),
    });
    expect(leaseSeenAtSend).toHaveLength(2);
    expect(leaseSeenAtSend.every((ms) => ms > 0)).toBe(true);
  });
});
