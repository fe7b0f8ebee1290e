import { describe, expect, it } from "vitest";
import { renderStatusPage } from "../../../src/core/status/render-status-page.js";
import type { StatusPageInput } from "../../../src/core/status/status-input.js";
import { buildStatusView } from "../../../src/core/status/status-view.js";
import { buildEstate } from "../../../bench/status-fixture.js";
import { aReportEndpoint, aStatusReport, warning } from "../../support/builders/status-builders.js";

const now = new Date("2026-03-01T10:02:00.000Z");
const page = (input: Partial<StatusPageInput>) =>
  renderStatusPage(
    buildStatusView({ now, schedulePeriodSeconds: 300, scope: "all", profiles: [], silences: [], ...input }),
    { linkQuery: "" },
  );

describe("status page", () => {
  it("marks the serving endpoint", () => {
    const html = page({
      profiles: [{ profile: "sub1/rg1/contoso", report: aStatusReport(), samples: [], events: [] }],
    });
    expect(html).toMatch(/<li class="serving" aria-current="true"><strong>web-eastus<\/strong>/);
  });

  it("escapes every value that comes from Azure or a user", () => {
    const evil = '<script>alert("x")</script>';
    const html = page({
      profiles: [
        {
          profile: "sub1/rg1/contoso",
          report: aStatusReport({ endpoints: [aReportEndpoint({ name: evil })], servingEndpoint: evil }),
          samples: [],
          events: [],
        },
      ],
      silences: [{ id: "s1", matchers: { profile: "*" }, endsAt: "2026-03-01T11:00:00.000Z", comment: evil }],
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("says the data is stale when the last audit is older than two schedule periods", () => {
    const html = page({
      now: new Date("2026-03-01T10:11:00.000Z"),
      profiles: [{ profile: "sub1/rg1/contoso", report: aStatusReport(), samples: [], events: [] }],
    });
    expect(html).toContain("Stale data");
    expect(html).toContain("more than two schedule periods (10 min)");
  });

  it("tells severity by word as well as colour", () => {
    const html = page({
      profiles: [
        {
          profile: "sub1/rg1/contoso",
          report: aStatusReport({ findings: [{ ...warning("NO_HEALTHY_STANDBY"), severity: "critical" }] }),
          samples: [],
          events: [],
        },
      ],
    });
    expect(html).toContain('<span class="lv-critical">Critical</span> <code>NO_HEALTHY_STANDBY</code>');
  });

  it("shows the DNS answer and active silences when given, and none otherwise", () => {
    const bare = page({
      profiles: [{ profile: "sub1/rg1/contoso", report: aStatusReport(), samples: [], events: [] }],
    });
    expect(bare).toContain('<h3>Active silences</h3><p class="mu">None</p>');
    const html = page({
      profiles: [
        {
          profile: "sub1/rg1/contoso",
          report: aStatusReport({
            dnsAnswer: {
              names: ["web-westus.example.net"],
              addresses: [],
              endpoint: "web-westus",
              resolvedAt: now.toISOString(),
            },
          }),
          samples: [],
          events: [],
        },
      ],
      silences: [
        {
          id: "s1",
          matchers: { profile: "sub1/rg1/contoso", codes: ["PROBE_FAILED"] },
          endsAt: "2026-03-01T11:00:00.000Z",
          comment: "patching",
        },
        {
          id: "s2",
          matchers: { profile: "sub9/rg/other" },
          endsAt: "2026-03-01T11:00:00.000Z",
          comment: "elsewhere",
        },
      ],
    });
    expect(html).toContain("names web-westus, not the serving one");
    expect(html).toContain("PROBE_FAILED until 2026-03-01 11:00 UTC: patching");
    expect(html).not.toContain("elsewhere");
  });

  it("loads nothing from elsewhere: no script, stylesheet link or external URL", () => {
    const html = page({
      profiles: [{ profile: "sub1/rg1/contoso", report: aStatusReport(), samples: [], events: [] }],
    });
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
  });

  it("stays within 100 KB for 20 profiles × 5 endpoints with a day of history", async () => {
    const html = renderStatusPage(buildStatusView(await buildEstate()), { linkQuery: "" });
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(100 * 1024);
  });
});
