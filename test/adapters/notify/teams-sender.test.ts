import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "undici";
import { TeamsSender } from "../../../src/adapters/notify/teams/teams-sender.js";
import { AlertSendError } from "../../../src/app/ports/alert-sender.js";
import { cardProblems } from "../../support/adaptive-card-validator.js";
import { anAlertMessage } from "../../support/builders/alert-builders.js";
import { startTeamsReceiver, type TeamsReceiver } from "../../support/teams-receiver.js";

let teams: TeamsReceiver;
let agent: Agent;
let sender: TeamsSender;

beforeAll(async () => {
  teams = await startTeamsReceiver();
  agent = new Agent({ connect: { ca: teams.ca } });
  sender = new TeamsSender({ webhookUrl: teams.url, timeoutMs: 500, dispatcher: agent });
});
afterAll(async () => {
  await agent.close();
  await teams.close();
});

async function failureOf(): Promise<AlertSendError> {
  const e: unknown = await sender.send(anAlertMessage()).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AlertSendError);
  const err = e as AlertSendError;
  expect(err.message).not.toContain("S3cr3tSignatureValue42");
  expect(err.message).not.toContain(teams.url);
  return err;
}

describe("TeamsSender", () => {
  it("posts a valid Adaptive Card in the Workflows envelope", async () => {
    teams.answer({ status: 202 });
    await sender.send(anAlertMessage());
    const body = teams.delivered.at(-1) as { type: string; attachments: { content: unknown }[] };
    expect(body.type).toBe("message");
    expect(cardProblems(body.attachments[0]!.content)).toEqual([]);
  });

  it("accepts a 200 as well", async () => {
    teams.answer({ status: 200, body: "1" });
    await expect(sender.send(anAlertMessage())).resolves.toBeUndefined();
  });

  it("reports 429 as transient and carries Retry-After", async () => {
    teams.answer({ status: 429, headers: { "retry-after": "120" } });
    const err = await failureOf();
    expect(err).toMatchObject({ failure: "transient", status: 429, retryAfterMs: 120_000 });
  });

  it("reports 500 as transient", async () => {
    teams.answer({ status: 500 });
    expect(await failureOf()).toMatchObject({ failure: "transient", status: 500 });
  });

  it("reports 400 as a configuration error without echoing the URL", async () => {
    teams.answer({ status: 400, body: `bad request for ${teams.url}` });
    const err = await failureOf();
    expect(err).toMatchObject({ failure: "config", status: 400 });
    expect(err.message).toContain("ALERT_TEAMS_WEBHOOK_URL");
  });

  it("gives up on a receiver that never answers within the timeout", async () => {
    teams.answer("hang");
    const err = await failureOf();
    expect(err.failure).toBe("transient");
    expect(err.message).toContain("timeout");
  });

  it("reports a refused connection as transient", async () => {
    const down = new TeamsSender({
      webhookUrl: "https://127.0.0.1:1/hook?sig=zzz",
      timeoutMs: 500,
      dispatcher: agent,
    });
    const e = (await down.send(anAlertMessage()).catch((x: unknown) => x)) as AlertSendError;
    expect(e).toMatchObject({ failure: "transient" });
    expect(e.message).not.toContain("sig=zzz");
  });

  it("reports a webhook certificate we do not trust as a configuration error, not a temporary one", async () => {
    const untrusting = new Agent();
    try {
      const strict = new TeamsSender({ webhookUrl: teams.url, timeoutMs: 5000, dispatcher: untrusting });
      const e = (await strict.send(anAlertMessage()).catch((x: unknown) => x)) as AlertSendError;
      expect(e).toMatchObject({ failure: "config" });
      expect(e.message).toContain("TLS certificate was refused");
      expect(e.message).not.toContain(teams.url);
    } finally {
      await untrusting.close();
    }
  });
});
