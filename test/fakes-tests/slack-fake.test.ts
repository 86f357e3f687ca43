/** Proves the fake Slack against the real @slack/bolt App in HTTP mode. */
import type { AddressInfo } from "node:net";
import { App, webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturingLogger, FakeSlack, staleTimestamp, type CapturingLogger } from "../fakes/slack/index.js";

const SECRET = "test-signing-secret";

describe("fake Slack with a real bolt App (HTTP receiver)", () => {
  let fake: FakeSlack;
  let app: App;
  let logger: CapturingLogger;
  let eventsUrl: string;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    logger = capturingLogger();
    app = new App({
      signingSecret: SECRET,
      token: fake.botToken,
      logger,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: webApi.retryPolicies.rapidRetryPolicy },
    });
    const server = await app.start({ port: 0, host: "127.0.0.1" });
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  it("runs auth.test against the fake with the bot token", async () => {
    const call = await fake.waitForCall("auth.test");
    expect(call).toMatchObject({ tokenKind: "bot", status: 200, result: { ok: true, user_id: fake.config.botUserId } });
  });

  it("delivers a signed /papers command; ack() + respond() reach the response_url", async () => {
    app.command("/papers", async ({ ack, respond, command }) => {
      await ack();
      await respond({
        response_type: "ephemeral",
        text: `Results for ${command.text}`,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${command.text}*` } }],
      });
    });
    const res = await fake.signedSlashCommand(eventsUrl, SECRET, { text: "diffusion", user_id: "U0ALICE" });
    expect(res.status).toBe(200);
    const response = await fake.waitForResponse();
    expect(response).toMatchObject({ status: 200, response_type: "ephemeral", text: "Results for diffusion" });
    expect(response.blocks).toHaveLength(1);
    expect(response.warnings).toEqual([]);
  });

  it("rejects a bad signature with 401 and never runs the handler", async () => {
    let runs = 0;
    app.command("/papers", async ({ ack }) => {
      runs += 1;
      await ack();
    });
    const wrong = await fake.signedSlashCommand(eventsUrl, SECRET, { text: "x" }, { signWithSecret: "not-the-secret" });
    const garbage = await fake.signedSlashCommand(eventsUrl, SECRET, { text: "x" }, { signature: "v0=deadbeef" });
    const unsigned = await fake.signedSlashCommand(eventsUrl, SECRET, { text: "x" }, { unsigned: true });
    expect([wrong.status, garbage.status, unsigned.status]).toEqual([401, 401, 401]);
    expect(runs).toBe(0);
    expect(fake.responses).toHaveLength(0);
  });

  it("rejects a stale timestamp (> 5 minutes) with 401 even when correctly signed", async () => {
    let runs = 0;
    app.command("/papers", async ({ ack }) => {
      runs += 1;
      await ack();
    });
    const res = await fake.signedSlashCommand(eventsUrl, SECRET, { text: "x" }, { timestamp: staleTimestamp() });
    expect(res.status).toBe(401);
    expect(runs).toBe(0);
  });

  it("delivers a signed block action; respond() can replace the original message", async () => {
    app.action("save_paper", async ({ ack, action, respond, body }) => {
      await ack();
      const value = action.type === "button" ? action.value : undefined;
      await respond({ replace_original: true, text: `Saved ${value ?? "?"} for ${body.user.id}` });
    });
    const res = await fake.signedBlockAction(eventsUrl, SECRET, { action_id: "save_paper", value: "2401.00001", user_id: "U0BOB" });
    expect(res.status).toBe(200);
    const response = await fake.waitForResponse();
    expect(response).toMatchObject({ status: 200, replace_original: true, text: "Saved 2401.00001 for U0BOB" });
  });

  it("say() inside a command posts through the fake Web API with the bot token", async () => {
    app.command("/papers", async ({ ack, say }) => {
      await ack();
      await say({ text: "digest", blocks: [{ type: "header", text: { type: "plain_text", text: "Today" } }] });
    });
    await fake.signedSlashCommand(eventsUrl, SECRET, { channel_id: "C0PAPERS" });
    const message = await fake.waitForMessage("C0PAPERS");
    expect(message).toMatchObject({ text: "digest", via: "chat.postMessage", warnings: [] });
    expect(fake.callsTo("chat.postMessage")[0]?.tokenKind).toBe("bot");
  });

  it("chat.postMessage with more than 50 blocks fails with invalid_blocks and stores nothing", async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => ({ type: "section", text: { type: "mrkdwn", text: `#${i}` } }));
    await expect(app.client.chat.postMessage({ channel: "C0PAPERS", text: "too many", blocks })).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error: "invalid_blocks", errors: ["no more than 50 items allowed [json-pointer:/blocks]"] },
    });
    expect(fake.messagesIn("C0PAPERS")).toHaveLength(0);
  });

  it("waits out a 429 (Retry-After) and posts the message exactly once", async () => {
    fake.rateLimitNext("chat.postMessage", 1, 1);
    const started = Date.now();
    const result = await app.client.chat.postMessage({ channel: "C0PAPERS", text: "hello" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(result.ok).toBe(true);
    expect(fake.messagesIn("C0PAPERS").map((m) => m.text)).toEqual(["hello"]);
    expect(fake.callsTo("chat.postMessage").map((c) => c.status)).toEqual([429, 200]);
  });

  it("retries a 5xx and posts once", async () => {
    fake.failNext("chat.postMessage", 2, 503);
    await app.client.chat.postMessage({ channel: "C0PAPERS", text: "after outage" });
    expect(fake.callsTo("chat.postMessage").map((c) => c.status)).toEqual([503, 503, 200]);
    expect(fake.messagesIn("C0PAPERS")).toHaveLength(1);
  });

  it("records missing_text_in_blocks when blocks come without a fallback text", async () => {
    await app.client.chat.postMessage({ channel: "C0PAPERS", blocks: [{ type: "divider" }] });
    const [message] = fake.messagesIn("C0PAPERS");
    expect(message?.warnings).toEqual(["missing_text_in_blocks"]);
    expect(logger.find("warn", "missing_text_in_blocks").length).toBeGreaterThan(0);
  });
});
