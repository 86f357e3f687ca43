import { DiscordAPIError, HTTPError, Routes, WebhookClient, type Client } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, connectClient } from "../fakes/discord/index.js";

interface ApiMessage {
  id: string;
  channel_id: string;
  content: string;
  author: { id: string };
  timestamp: string;
}

describe("fake Discord REST: messages, limits, failures", () => {
  let fake: FakeDiscord;
  let client: Client<true>;
  const post = (channelId: string, body: unknown): Promise<ApiMessage> =>
    client.rest.post(Routes.channelMessages(channelId), { body }) as Promise<ApiMessage>;
  const failure = (promise: Promise<unknown>): Promise<DiscordAPIError> =>
    promise.then(
      () => { throw new Error("expected the request to fail"); },
      (error: unknown) => error as DiscordAPIError,
    );

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    client = await connectClient(fake);
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it("creates channel messages with realistic objects and records the request", async () => {
    const channelId = fake.addChannel("digest");
    const message = await post(channelId, { content: "New: <@42> paper", allowed_mentions: { parse: [] }, embeds: [{ title: "T" }] });
    expect(message).toMatchObject({ channel_id: channelId, content: "New: <@42> paper", author: { id: fake.bot.id } });
    expect(message.id).toMatch(/^\d{17,20}$/);
    expect(Math.abs(Date.parse(message.timestamp) - Date.now())).toBeLessThan(5000);
    const stored = await fake.waitForMessage(channelId, (m) => m.content.startsWith("New"));
    expect(stored.allowedMentions).toEqual({ parse: [] });
    expect(stored.pings).toEqual({ everyone: false, users: [], roles: [] });
    expect(stored.embeds[0]).toMatchObject({ type: "rich", title: "T" });
    const request = fake.requests.find((r) => r.route === "POST /channels/:channelId/messages" && r.path.includes(channelId));
    expect(request).toMatchObject({ method: "POST", status: 200, headers: { authorization: "Bot ***" } });
    const viaDiscordJs = await client.channels.fetch(channelId);
    expect(viaDiscordJs?.isSendable()).toBe(true);
    if (viaDiscordJs?.isSendable()) await viaDiscordJs.send("sent via channel.send");
    expect(fake.messagesIn(channelId).map((m) => m.content)).toEqual(["New: <@42> paper", "sent via channel.send"]);
  });

  it("enforces content, embed and component limits with Discord's 50035 / 50006 errors", async () => {
    const channelId = fake.defaultChannelId;
    const long = await failure(post(channelId, { content: "x".repeat(2001) }));
    expect(long).toBeInstanceOf(DiscordAPIError);
    expect(long).toMatchObject({ code: 50035, status: 400 });
    expect(long.rawError).toMatchObject({ errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } });
    const title = await failure(post(channelId, { embeds: [{ title: "t".repeat(257) }] }));
    expect(title.code).toBe(50035);
    expect(title.message).toContain("embeds[0].title[BASE_TYPE_MAX_LENGTH]");
    const fields = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, value: "v".repeat(1024) }));
    const total = await failure(post(channelId, { embeds: [{ title: "ok", fields }] }));
    expect(total.message).toContain("MAX_EMBED_SIZE_EXCEEDED");
    const manyFields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: "v" }));
    const fieldErrors = await failure(post(channelId, { embeds: [{ fields: manyFields, footer: { text: "f".repeat(2049) }, author: { name: "a".repeat(257) } }] }));
    expect(fieldErrors.message).toContain("embeds[0].fields[BASE_TYPE_MAX_LENGTH]");
    expect(fieldErrors.message).toContain("embeds[0].footer.text[BASE_TYPE_MAX_LENGTH]");
    expect(fieldErrors.message).toContain("embeds[0].author.name[BASE_TYPE_MAX_LENGTH]");
    const fieldValue = await failure(post(channelId, { embeds: [{ fields: [{ name: "n", value: "v".repeat(1025) }] }] }));
    expect(fieldValue.message).toContain("embeds[0].fields[0].value[BASE_TYPE_MAX_LENGTH]");
    const tooManyEmbeds = await failure(post(channelId, { embeds: Array.from({ length: 11 }, () => ({ title: "a" })) }));
    expect(tooManyEmbeds.code).toBe(50035);
    const button = (i: number): unknown => ({ type: 2, style: 1, custom_id: `b${i}`, label: "l" });
    const row = (from: number): unknown => ({ type: 1, components: [0, 1, 2, 3, 4].map((i) => button(from + i)) });
    const sixRows = await failure(post(channelId, { content: "c", components: [0, 5, 10, 15, 20, 25].map(row) }));
    expect(sixRows.code).toBe(50035);
    const sixButtons = await failure(post(channelId, { content: "c", components: [{ type: 1, components: [0, 1, 2, 3, 4, 5].map(button) }] }));
    expect(sixButtons.message).toContain("components[0].components[BASE_TYPE_BAD_LENGTH]");
    const label = await failure(post(channelId, { content: "c", components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: "x".repeat(101), label: "l".repeat(81) }] }] }));
    expect(label.message).toContain("custom_id[BASE_TYPE_MAX_LENGTH]");
    expect(label.message).toContain("label[BASE_TYPE_MAX_LENGTH]");
    const empty = await failure(post(channelId, { content: "" }));
    expect(empty).toMatchObject({ code: 50006, status: 400, message: "Cannot send an empty message" });
    expect(fake.messagesIn(channelId)).toHaveLength(0);
  });

  it("waits out an injected 429 (Retry-After + X-RateLimit-*) and creates the message exactly once", async () => {
    const channelId = fake.addChannel("rate-limited");
    fake.rateLimitNext({ channelId }, { retryAfter: 0.3 });
    const started = Date.now();
    const message = await post(channelId, { content: "after the wait" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(message.content).toBe("after the wait");
    expect(fake.messagesIn(channelId)).toHaveLength(1);
    const attempts = fake.requests.filter((r) => r.path === `/channels/${channelId}/messages`);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[0]?.responseBody).toEqual({ message: "You are being rate limited.", retry_after: 0.3, global: false });
    expect(attempts[0]?.responseHeaders).toMatchObject({ "retry-after": "0.3", "x-ratelimit-remaining": "0", "x-ratelimit-scope": "user" });
  });

  it("waits out an injected global 429 too", async () => {
    const channelId = fake.addChannel("global-limit");
    fake.rateLimitNext({ channelId }, { retryAfter: 0.2, global: true });
    const started = Date.now();
    await post(channelId, { content: "global wait" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(fake.messagesIn(channelId)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === `/channels/${channelId}/messages`).map((r) => r.status)).toEqual([429, 200]);
  });

  it("retries an injected 5xx (discord.js retries) and creates the message once; gives up after its retries", async () => {
    const channelId = fake.addChannel("flaky");
    fake.serverErrorNext({ channelId, method: "POST" }, 1, 502);
    await post(channelId, { content: "eventually" });
    expect(fake.messagesIn(channelId)).toHaveLength(1);
    fake.serverErrorNext({ route: "POST /channels/:channelId/messages" }, 10, 500);
    const error = await post(channelId, { content: "never" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(500);
    fake.failures.clear();
  });

  it("answers gone / forbidden / missing-permission channels and injected Discord errors", async () => {
    const gone = fake.addChannel("gone");
    fake.setChannelState(gone, "gone");
    expect(await failure(post(gone, { content: "x" }))).toMatchObject({ code: 10003, status: 404, message: "Unknown Channel" });
    const forbidden = fake.addChannel("forbidden");
    fake.setChannelState(forbidden, "forbidden");
    expect(await failure(post(forbidden, { content: "x" }))).toMatchObject({ code: 50001, status: 403 });
    const readOnly = fake.addChannel("read-only");
    fake.setChannelState(readOnly, "missing-permissions");
    expect(await failure(post(readOnly, { content: "x" }))).toMatchObject({ code: 50013, status: 403 });
    expect(await failure(post("1234567890123456789", { content: "x" }))).toMatchObject({ code: 10003 });
    const ok = fake.addChannel("ok");
    fake.discordErrorNext({ channelId: ok }, 50013);
    expect(await failure(post(ok, { content: "x" }))).toMatchObject({ code: 50013, message: "Missing Permissions" });
    await post(ok, { content: "works again" });
    expect(fake.messagesIn(ok)).toHaveLength(1);
  });

  it("enforce_nonce returns the existing message instead of creating a duplicate", async () => {
    const channelId = fake.addChannel("nonce");
    const first = await post(channelId, { content: "paper 2401.1", nonce: "paper-2401.1", enforce_nonce: true });
    const second = await post(channelId, { content: "paper 2401.1", nonce: "paper-2401.1", enforce_nonce: true });
    expect(second.id).toBe(first.id);
    expect(fake.messagesIn(channelId)).toHaveLength(1);
    await post(channelId, { content: "paper 2401.1", nonce: "paper-2401.1" });
    expect(fake.messagesIn(channelId)).toHaveLength(2);
    expect(fake.messagesIn(channelId)[0]?.meta).toMatchObject({ nonce: "paper-2401.1", enforceNonce: true });
    const tooLong = await failure(post(channelId, { content: "x", nonce: "n".repeat(26) }));
    expect(tooLong.code).toBe(50035);
  });

  it("opens DM channels (POST /users/@me/channels) and refuses DMs with 50007", async () => {
    const ada = "1290000000000000042";
    expect((await client.users.fetch(ada, { force: true })).username).toBe("ada");
    expect(await failure(client.users.fetch("1290000000000000777"))).toMatchObject({ code: 10013 });
    const dm = await client.users.createDM(ada);
    expect(dm.id).toBe(fake.dmChannelOf(ada));
    await dm.send("your digest");
    expect(fake.messagesIn(dm.id)[0]?.content).toBe("your digest");
    const again = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: ada } })) as { id: string };
    expect(again.id).toBe(dm.id);
    fake.refuseDms(ada);
    expect(await failure(dm.send("nope"))).toMatchObject({ code: 50007, status: 403, message: "Cannot send messages to this user" });
    expect(fake.messagesIn(dm.id)).toHaveLength(1);
  });

  it("incoming webhooks: ?wait=true returns the message, without it 204", async () => {
    const channelId = fake.addChannel("webhook-feed");
    const hook = fake.createWebhook(channelId, "Paper feed");
    const webhook = new WebhookClient({ id: hook.id, token: hook.token }, { rest: { api: fake.apiUrl, timeout: 2000 } });
    try {
      const message = await webhook.send({ content: "from the webhook", username: "arXiv" });
      expect(message.content).toBe("from the webhook");
      expect(message.author.username).toBe("arXiv");
      const noWait = await fetch(`${hook.url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content: "fire and forget" }) });
      expect(noWait.status).toBe(204);
      expect(fake.messagesIn(channelId).map((m) => [m.content, m.meta.via])).toEqual([["from the webhook", "webhook"], ["fire and forget", "webhook"]]);
      const wrongToken = await fetch(`${fake.apiUrl}/v10/webhooks/${hook.id}/wrong`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(await wrongToken.json()).toMatchObject({ code: 50027 });
    } finally {
      webhook.destroy();
    }
  });
});
