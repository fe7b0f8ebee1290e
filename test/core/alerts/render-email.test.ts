import { describe, expect, it } from "vitest";
import { renderEmail } from "../../../src/core/alerts/render-email.js";
import { anAlertMessage } from "../../support/builders/alert-builders.js";

describe("renderEmail", () => {
  it("writes the subject as [tm-sentinel] LEVEL profile: headline", () => {
    expect(renderEmail(anAlertMessage()).subject).toBe(
      "[tm-sentinel] CRITICAL contoso-prod: primary not serving",
    );
  });

  it("carries the same facts in text and HTML", () => {
    const { text, html } = renderEmail(anAlertMessage());
    for (const fact of [
      "web-westus",
      "web-eastus > web-westus",
      "web-westus > web-eastus",
      "PRIMARY_NOT_SERVING",
      "2026-03-01T10:00:00.000Z",
      "contoso-prod.trafficmanager.net",
    ]) {
      expect(text).toContain(fact);
      expect(html).toContain(fact.replace(/>/g, "&gt;"));
    }
    expect(html).toContain('href="https://portal.azure.com/#@/resource/subscriptions/');
  });

  it("escapes every dynamic value in the HTML", () => {
    const message = anAlertMessage({
      opened: [
        {
          code: "ORDER_DRIFT",
          severity: "critical",
          endpoint: "<b>x</b>",
          message: `a "quoted" <script>alert(1)</script> & more`,
          openedAt: "2026-03-01T10:00:00.000Z",
        },
      ],
    });
    const { html, text } = renderEmail(message);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    expect(text).toContain("<script>");
  });

  it("says how long a resolved incident lasted", () => {
    const message = anAlertMessage({
      status: "resolved",
      headline: "resolved: primary not serving",
      opened: [],
      resolved: [
        {
          code: "PRIMARY_NOT_SERVING",
          severity: "critical",
          message: "x",
          openedAt: "2026-03-01T09:00:00.000Z",
          durationMs: 25 * 60_000,
        },
      ],
    });
    const { subject, text } = renderEmail(message);
    expect(subject).toBe("[tm-sentinel] RESOLVED contoso-prod: resolved: primary not serving");
    expect(text).toContain("lasted 25m");
  });
});
