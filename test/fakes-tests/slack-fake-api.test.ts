/** Web API, webhook and response_url behaviour of the fake Slack, driven through the real @slack/web-api client. */
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturingLogger, FakeSlack, RESPONSE_URL_MAX_USES } from "../fakes/slack/index.js";

const { WebClient, retryPolicies, ErrorCode } = webApi;

describe("fake Slack Web API", () => {
  let fake: FakeSlack;
  let client: InstanceType<typeof WebClient>;

  const post = (url: string, body: unknown, json = true): Promise<Response> =>
    fetch(url, {
      method: "POST",
      headers: json ? { "content-type": "application/json" } : {},
      body: json ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>),
    });

  beforeEach(async () => {
    fake = await FakeSlack.start();
    fake.addUser({ id: "U0ADMIN", name: "ada", isAdmin: true, isOwner: true, isPrimaryOwner: true });
    fake.addUser({ id: "U0MEMBER", name: "max" });
    fake.addUser({ id: "U0GONE", name: "gone", deleted: true });
    client = new WebClient(fake.botToken, {
      slackApiUrl: fake.apiUrl,
      logger: capturingLogger(),
      retryConfig: retryPolicies.rapidRetryPolicy,
    });
  });

  afterEach(async () => {
    await fake.close();
  });

  it("checks tokens: not_authed, invalid_auth, not_allowed_token_type", async () => {
    await expect(new WebClient(undefined, { slackApiUrl: fake.apiUrl }).auth.test()).rejects.toMatchObject({ data: { error: "not_authed" } });
    await expect(new WebClient("xoxb-wrong", { slackApiUrl: fake.apiUrl }).auth.test()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
    await expect(new WebClient(fake.appToken, { slackApiUrl: fake.apiUrl }).chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      data: { error: "not_allowed_token_type" },
    });
    expect((await client.auth.test()).bot_id).toBe(fake.config.botId);
    expect(fake.calls.map((c) => c.tokenKind)).toEqual(["none", "invalid", "app", "bot"]);
  });

  it("accepts a JSON body with a Bearer token and a form body with token=", async () => {
    const viaJson = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "C1", text: "json", metadata: { event_type: "paper", event_payload: { id: "1" } } }),
    });
    const viaForm = await post(`${fake.apiUrl}chat.postMessage`, { token: fake.botToken, channel: "C1", text: "form", unfurl_links: "false" }, false);
    expect([(await viaJson.json()) as unknown, (await viaForm.json()) as unknown]).toMatchObject([{ ok: true }, { ok: true }]);
    expect(fake.messagesIn("C1")).toMatchObject([
      { text: "json", metadata: { event_type: "paper", event_payload: { id: "1" } } },
      { text: "form", unfurl_links: false, unfurl_media: undefined },
    ]);
    expect(fake.calls[1]?.args.token).toBeUndefined();
  });

  it("users.info reports admin/owner/deleted flags; unknown users are user_not_found", async () => {
    expect((await client.users.info({ user: "U0ADMIN" })).user).toMatchObject({ is_admin: true, is_owner: true, is_primary_owner: true, deleted: false });
    expect((await client.users.info({ user: "U0GONE" })).user).toMatchObject({ deleted: true });
    await expect(client.users.info({ user: "U0NOBODY" })).rejects.toMatchObject({ data: { error: "user_not_found" } });
  });

  it("conversations.open gives a D channel; DMs to inactive users fail with account_inactive", async () => {
    const opened = await client.conversations.open({ users: "U0MEMBER" });
    expect(opened.channel?.id).toBe(fake.dmChannelFor("U0MEMBER"));
    await client.chat.postMessage({ channel: opened.channel?.id ?? "", text: "hi" });
    await client.chat.postMessage({ channel: "U0MEMBER", text: "via user id" });
    expect(fake.messagesIn("U0MEMBER").map((m) => [m.channel, m.text])).toEqual([
      ["D0MEMBER", "hi"],
      ["D0MEMBER", "via user id"],
    ]);
    fake.setUserInactive("U0MEMBER");
    await expect(client.conversations.open({ users: "U0MEMBER" })).rejects.toMatchObject({ data: { error: "account_inactive" } });
    await expect(client.chat.postMessage({ channel: "D0MEMBER", text: "x" })).rejects.toMatchObject({ data: { error: "account_inactive" } });
    await expect(client.conversations.open({ users: "U0GONE" })).rejects.toMatchObject({ data: { error: "account_inactive" } });
  });

  it("applies per-channel failure states", async () => {
    fake.setChannelState("C0GONE", "channel_not_found");
    fake.setChannelState("C0OUT", "not_in_channel");
    fake.setChannelState("C0OLD", "is_archived");
    for (const [channel, error] of [["C0GONE", "channel_not_found"], ["C0OUT", "not_in_channel"], ["C0OLD", "is_archived"]] as const) {
      await expect(client.chat.postMessage({ channel, text: "x" })).rejects.toMatchObject({ data: { error } });
    }
    expect((await client.conversations.history({ channel: "C0OLD" })).ok).toBe(true);
    await expect(client.conversations.history({ channel: "C0OUT" })).rejects.toMatchObject({ data: { error: "not_in_channel" } });
    fake.setChannelState("C0OLD", undefined);
    await client.chat.postMessage({ channel: "C0OLD", text: "revived" });
  });

  it("conversations.history: newest first, no thread replies or ephemerals, metadata on request", async () => {
    const parent = await client.chat.postMessage({ channel: "C1", text: "one", metadata: { event_type: "paper_posted", event_payload: { id: "2401.1" } } });
    await client.chat.postMessage({ channel: "C1", text: "reply", thread_ts: parent.ts ?? "" });
    await client.chat.postEphemeral({ channel: "C1", user: "U0MEMBER", text: "only you" });
    await client.chat.postMessage({ channel: "C1", text: "two" });
    await client.chat.update({ channel: "C1", ts: parent.ts ?? "", text: "one (edited)" });
    const plain = await client.conversations.history({ channel: "C1" });
    expect(plain.messages?.map((m) => m.text)).toEqual(["two", "one (edited)"]);
    expect(plain.messages?.[1]?.metadata).toBeUndefined();
    const withMeta = await client.conversations.history({ channel: "C1", include_all_metadata: true, limit: 1 });
    expect(withMeta.has_more).toBe(true);
    const next = await client.conversations.history({ channel: "C1", include_all_metadata: true, cursor: withMeta.response_metadata?.next_cursor ?? "" });
    expect(next.messages?.[0]?.metadata).toEqual({ event_type: "paper_posted", event_payload: { id: "2401.1" } });
    expect(fake.messagesIn("C1", { includeEphemeral: true }).find((m) => m.ephemeralTo === "U0MEMBER")?.text).toBe("only you");
    await expect(client.chat.update({ channel: "C1", ts: "1.000000", text: "x" })).rejects.toMatchObject({ data: { error: "message_not_found" } });
  });

  it("surfaces 429 + Retry-After to clients that reject rate-limited calls", async () => {
    fake.rateLimitNext("chat.postMessage", 1, 7);
    const strict = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logger: capturingLogger() });
    await expect(strict.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(fake.messages).toHaveLength(0);
    expect(fake.callsTo("chat.postMessage")[0]).toMatchObject({ status: 429, result: { ok: false, error: "ratelimited" } });
  });

  it("answers unknown methods with unknown_method", async () => {
    await expect(client.apiCall("papers.fetch")).rejects.toMatchObject({ data: { error: "unknown_method" } });
  });

  it("incoming webhook: ok / no_text / invalid_payload / no_service / channel_is_archived", async () => {
    const ok = await post(fake.webhookUrl, { text: "new papers", blocks: [{ type: "divider" }] });
    expect([ok.status, await ok.text()]).toEqual([200, "ok"]);
    expect(fake.messagesIn(fake.webhookChannel)).toMatchObject([{ text: "new papers", via: "webhook" }]);
    const noText = await post(fake.webhookUrl, { username: "x" });
    expect([noText.status, await noText.text()]).toEqual([400, "no_text"]);
    const bad = await fetch(fake.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect([bad.status, await bad.text()]).toEqual([400, "invalid_payload"]);
    const unknown = await post(`${fake.baseUrl}/services/T1/B1/nope`, { text: "x" });
    expect([unknown.status, await unknown.text()]).toEqual([404, "no_service"]);
    const archivedUrl = fake.addWebhook("C0OLD");
    fake.setChannelState("C0OLD", "is_archived");
    const archived = await post(archivedUrl, { text: "x" });
    expect([archived.status, await archived.text()]).toEqual([410, "channel_is_archived"]);
  });

  it("response_url: records payloads, allows 5 uses, rejects unknown URLs", async () => {
    const url = fake.newResponseUrl();
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i += 1) {
      expect((await post(url, { response_type: "in_channel", text: `#${i}` })).status).toBe(200);
    }
    expect((await post(url, { text: "sixth" })).status).toBe(404);
    expect((await post(`${fake.baseUrl}/response/never-issued`, { text: "x" })).status).toBe(404);
    expect(fake.responses.map((r) => r.error ?? r.text)).toEqual(["#0", "#1", "#2", "#3", "#4", "used_url", "expired_url"]);
    expect(fake.responses[0]).toMatchObject({ response_type: "in_channel", status: 200 });
  });
});
