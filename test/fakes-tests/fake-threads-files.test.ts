/** Threads on the Discord fake and file uploads on the Slack fake, driven by the real discord.js and @slack/web-api. */
import { webApi } from "@slack/bolt";
import { DiscordAPIError, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, connectClient } from "../fakes/discord/index.js";
import { capturingLogger, FakeSlack } from "../fakes/slack/index.js";

describe("fake Discord threads", () => {
  let fake: FakeDiscord;
  let client: Awaited<ReturnType<typeof connectClient>>;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    client = await connectClient(fake);
  });
  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it("GIVEN a message THEN a thread starts on it once, takes messages, and a second start is refused with 160004", async () => {
    const channelId = fake.addChannel("digest");
    const header = (await client.rest.post(Routes.channelMessages(channelId), { body: { content: "Daily digest" } })) as { id: string };
    const thread = (await client.rest.post(Routes.threads(channelId, header.id), { body: { name: "Papers of 2026-06-01" } })) as { id: string; type: number; parent_id: string };
    expect(thread).toMatchObject({ id: header.id, type: 11, parent_id: channelId });
    await client.rest.post(Routes.channelMessages(thread.id), { body: { content: "paper one" } });
    expect(fake.messagesIn(thread.id).map((m) => m.content)).toEqual(["paper one"]);
    expect(fake.messagesIn(channelId).map((m) => m.content)).toEqual(["Daily digest"]);
    const again = await client.rest.post(Routes.threads(channelId, header.id), { body: { name: "again" } }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DiscordAPIError);
    expect((again as DiscordAPIError).code).toBe(160004);
  });
});

describe("fake Slack file uploads", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("GIVEN filesUploadV2 THEN the file's content is shared in the channel and thread with its comment", async () => {
    const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: capturingLogger() });
    await client.filesUploadV2({ channel_id: "C0DIGEST", thread_ts: "1.000001", filename: "saved.bib", content: "@misc{a,\n}\n", initial_comment: "Your saved papers" });
    expect(fake.files.shared).toEqual([
      expect.objectContaining({ filename: "saved.bib", content: "@misc{a,\n}\n", channel: "C0DIGEST", threadTs: "1.000001", initialComment: "Your saved papers" }),
    ]);
  });
});
