import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MINUTE } from "../../support/builders/alert-builders.js";
import { startTeamsReceiver, type TeamsReceiver } from "../../support/teams-receiver.js";
import { PROFILE, silenceHarness } from "./silence-harness.js";

const T0 = new Date("2026-03-01T10:00:00.000Z");
let teams: TeamsReceiver;
beforeEach(async () => {
  teams = await startTeamsReceiver();
});
afterEach(() => teams.close());

const cardText = (body: unknown) => JSON.stringify(body);

describe("a silence over a failing primary", () => {
  it("sends nothing while silenced, shows the silenced findings, and announces once when it expires", async () => {
    const h = await silenceHarness(teams, T0);
    const silence = await h.silences.create({
      matchers: { profile: PROFILE },
      endsAt: new Date(T0.getTime() + 30 * MINUTE).toISOString(),
      createdBy: "alice",
      comment: "failover drill",
    });
    h.setPrimaryDown(true);
    for (let i = 0; i < 6; i += 1) {
      const report = await h.cycle();
      expect(report.findings.map((f) => f.code)).toContain("PRIMARY_NOT_SERVING");
      for (const f of report.findings) expect(f.silencedBy).toEqual([silence.id]);
      expect(report.silences).toEqual([
        expect.objectContaining({ id: silence.id, endsAt: silence.endsAt, comment: "failover drill" }),
      ]);
      h.clock.advance(5 * MINUTE);
    }
    expect(teams.delivered).toHaveLength(0);

    // 10:30:00 exactly: the silence has ended; the problem is still there.
    const after = await h.cycle();
    expect(after.findings.every((f) => f.silencedBy === undefined)).toBe(true);
    expect(teams.delivered).toHaveLength(1);
    expect(cardText(teams.delivered[0])).toContain("PRIMARY_NOT_SERVING");
    for (let i = 0; i < 4; i += 1) {
      h.clock.advance(5 * MINUTE);
      await h.cycle();
    }
    expect(teams.delivered).toHaveLength(1);
  });

  it("sends nothing at all when the problem is gone before the silence ends", async () => {
    const h = await silenceHarness(teams, T0);
    await h.silences.create({
      matchers: { profile: PROFILE, endpoint: "web-eastus" },
      endsAt: new Date(T0.getTime() + 30 * MINUTE).toISOString(),
      createdBy: "alice",
      comment: "patching web-eastus",
    });
    h.setPrimaryDown(true);
    for (let i = 0; i < 12; i += 1) {
      if (i === 3) h.setPrimaryDown(false);
      await h.cycle();
      h.clock.advance(5 * MINUTE);
    }
    expect(teams.delivered).toHaveLength(0);
  });

  it("announces once right after the silence is expired early", async () => {
    const h = await silenceHarness(teams, T0);
    const silence = await h.silences.create({
      matchers: { profile: "*" },
      endsAt: new Date(T0.getTime() + 2 * 60 * MINUTE).toISOString(),
      createdBy: "alice",
      comment: "drill",
    });
    h.setPrimaryDown(true);
    await h.cycle();
    h.clock.advance(5 * MINUTE);
    await h.silences.expire(silence.id, h.clock.now());
    await h.cycle();
    h.clock.advance(5 * MINUTE);
    await h.cycle();
    expect(teams.delivered).toHaveLength(1);
  });

  it("lists silenced incidents with their end on a card sent for something else", async () => {
    const h = await silenceHarness(teams, T0);
    await h.silences.create({
      matchers: { profile: PROFILE, codes: ["PRIMARY_NOT_SERVING"] },
      endsAt: new Date(T0.getTime() + 60 * MINUTE).toISOString(),
      createdBy: "alice",
      comment: "known",
    });
    h.setPrimaryDown(true);
    await h.cycle();
    expect(teams.delivered).toHaveLength(0);
    // Something unsilenced happens (the desired order changes): the card also lists what is
    // silenced, until when.
    const stored = await h.desired.get(PROFILE);
    const reversed = { ...h.document, endpoints: [...h.document.endpoints].reverse() };
    await h.desired.replace(PROFILE, reversed, stored!.etag, "test");
    h.clock.advance(5 * MINUTE);
    await h.cycle();
    expect(teams.delivered).toHaveLength(1);
    const card = cardText(teams.delivered[0]);
    expect(card).toContain("ORDER_DRIFT");
    expect(card).toContain("Silenced");
    expect(card).toMatch(/PRIMARY_NOT_SERVING \(web-\w+\) until 2026-03-01T11:00:00\.000Z by [0-9a-f-]{36}/);
  });
});
