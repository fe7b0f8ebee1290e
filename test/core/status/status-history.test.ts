import { describe, expect, it } from "vitest";
import { appendToDay, eventsSince, samplesOfDay } from "../../../src/core/status/status-history.js";
import { aReportEndpoint, aStatusReport, warning } from "../../support/builders/status-builders.js";

const failedOver = aStatusReport({
  generatedAt: "2026-03-01T10:05:00.000Z",
  servingEndpoint: "web-westus",
  endpoints: [
    aReportEndpoint({ tmStatus: "Degraded" }),
    aReportEndpoint({ name: "web-westus", priority: 2 }),
  ],
  findings: [
    warning("PRIMARY_NOT_SERVING", "web-eastus"),
    { code: "TTL_DRIFT", severity: "info", message: "x" },
  ],
});

describe("status history", () => {
  it("records no event for the first audit it sees", () => {
    expect(eventsSince(undefined, aStatusReport()).events).toEqual([]);
  });

  it("records a failover and an opened problem when the serving endpoint changes", () => {
    const first = eventsSince(undefined, aStatusReport());
    const next = eventsSince(first.tail, failedOver);
    expect(next.events).toEqual([
      { at: failedOver.generatedAt, kind: "failover", from: "web-eastus", to: "web-westus" },
      {
        at: failedOver.generatedAt,
        kind: "opened",
        code: "PRIMARY_NOT_SERVING",
        endpoint: "web-eastus",
        severity: "warning",
      },
    ]);
  });

  it("ignores info findings and keeps since when a problem stays open", () => {
    const open = eventsSince(undefined, failedOver).tail;
    const later = eventsSince(open, { ...failedOver, generatedAt: "2026-03-01T10:10:00.000Z" });
    expect(later.events).toEqual([]);
    expect(later.tail.problems).toEqual([
      {
        code: "PRIMARY_NOT_SERVING",
        endpoint: "web-eastus",
        severity: "warning",
        since: failedOver.generatedAt,
      },
    ]);
  });

  it("records the resolution when the problem is gone", () => {
    const open = eventsSince(undefined, failedOver).tail;
    const healed = eventsSince(open, aStatusReport({ generatedAt: "2026-03-01T10:10:00.000Z" }));
    expect(healed.events.map((e) => e.kind)).toEqual(["failover", "resolved"]);
  });

  it("round-trips samples through the compact day row", () => {
    const probed = aStatusReport({
      endpoints: [
        aReportEndpoint({
          probe: {
            status: "Online",
            consecutiveFailures: 0,
            last: {
              endpoint: "web-eastus",
              protocol: "HTTPS",
              url: "https://x/",
              kind: "up",
              healthy: true,
              latencyMs: 41.6,
              at: "2026-03-01T10:00:00.000Z",
            },
          },
        }),
      ],
    });
    const day = appendToDay(appendToDay(undefined, undefined, probed), undefined, failedOver);
    expect(samplesOfDay(day)).toEqual([
      {
        at: "2026-03-01T10:00:00.000Z",
        serving: "web-eastus",
        endpoints: [{ name: "web-eastus", up: true, ms: 42 }],
      },
      {
        at: "2026-03-01T10:05:00.000Z",
        serving: "web-westus",
        endpoints: [
          { name: "web-eastus", up: false },
          { name: "web-westus", up: true },
        ],
      },
    ]);
    expect(day.events.map((e) => e.kind)).toEqual(["failover", "opened"]);
  });
});
