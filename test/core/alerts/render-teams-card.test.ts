import { describe, expect, it } from "vitest";
import { buildTestMessage } from "../../../src/core/alerts/alert-message.js";
import { renderTeamsPayload, TEAMS_MAX_BYTES } from "../../../src/core/alerts/render-teams-card.js";
import { cardProblems } from "../../support/adaptive-card-validator.js";
import { anAlertMessage, PROFILE_ID } from "../../support/builders/alert-builders.js";

type Payload = {
  type: string;
  attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[];
};
const cardOf = (p: unknown) => (p as Payload).attachments[0]!.content;
const textOf = (p: unknown) => JSON.stringify(p);

describe("renderTeamsPayload", () => {
  it("wraps the card the way the Workflows template expects", () => {
    const payload = renderTeamsPayload(anAlertMessage()) as Payload;
    expect(payload.type).toBe("message");
    expect(payload.attachments).toHaveLength(1);
    expect(payload.attachments[0]).toMatchObject({
      contentType: "application/vnd.microsoft.card.adaptive",
      contentUrl: null,
    });
    expect(cardOf(payload)).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
  });

  it("produces a card the adaptivecards parser accepts without problems", () => {
    const message = anAlertMessage({
      reminders: [
        {
          code: "ORDER_DRIFT",
          severity: "warning",
          message: "Order differs.",
          openedAt: "2026-03-01T06:00:00.000Z",
        },
      ],
      stillOpen: [
        {
          code: "TTL_DRIFT",
          severity: "info",
          message: "TTL 300, expected 60.",
          openedAt: "2026-03-01T06:00:00.000Z",
        },
      ],
      resolved: [
        {
          code: "PROBE_FAILED",
          severity: "critical",
          endpoint: "web-westus",
          message: "Timeout.",
          openedAt: "2026-03-01T09:00:00.000Z",
          durationMs: 3_600_000,
        },
      ],
    });
    expect(cardProblems(cardOf(renderTeamsPayload(message)))).toEqual([]);
    expect(
      cardProblems(cardOf(renderTeamsPayload(buildTestMessage(new Date("2026-03-01T10:00:00Z"))))),
    ).toEqual([]);
  });

  it("links the profile to the Azure portal", () => {
    const text = textOf(renderTeamsPayload(anAlertMessage()));
    expect(text).toContain(`https://portal.azure.com/#@/resource${PROFILE_ID}`);
  });

  it("shows severity colour, serving endpoint, both orders, each finding and the time", () => {
    const text = textOf(renderTeamsPayload(anAlertMessage()));
    expect(text).toContain('"color":"attention"');
    expect(text).toContain("web-westus");
    expect(text).toContain("Desired order");
    expect(text).toContain("Live order");
    expect(text).toContain("1. web-eastus");
    expect(text).toContain("1. web-westus");
    expect(text).toContain("The primary endpoint web-eastus is not serving");
    expect(text).toContain("2026-03-01T10:00:00.000Z");
  });

  it("colours a resolved-only message green and says how long it lasted", () => {
    const message = anAlertMessage({
      status: "resolved",
      opened: [],
      resolved: [
        {
          code: "PRIMARY_NOT_SERVING",
          severity: "critical",
          message: "x",
          openedAt: "2026-03-01T09:00:00.000Z",
          durationMs: 5_400_000,
        },
      ],
    });
    const text = textOf(renderTeamsPayload(message));
    expect(text).toContain('"style":"good"');
    expect(text).toContain("lasted 1h 30m");
  });

  it("drops findings with a +N more line to stay under the 28 KB limit", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      code: "ENDPOINT_STATUS_DRIFT" as const,
      severity: "warning" as const,
      endpoint: `endpoint-${String(i)}`,
      message: `Endpoint endpoint-${String(i)} is Disabled but should be Enabled. `.repeat(3),
      openedAt: "2026-03-01T10:00:00.000Z",
    }));
    const payload = renderTeamsPayload(anAlertMessage({ opened: many }));
    const size = new TextEncoder().encode(JSON.stringify(payload)).length;
    expect(size).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
    expect(textOf(payload)).toMatch(/\+\d+ more not shown/);
    expect(cardProblems(cardOf(payload))).toEqual([]);
  });
});

describe("cardProblems (the test's validator)", () => {
  it("reports an element the schema does not know", () => {
    expect(cardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Nope" }] })).not.toEqual([]);
  });
});
