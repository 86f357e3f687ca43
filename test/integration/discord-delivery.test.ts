import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import type { PlatformAdapter } from "../../src/adapters/index.js";
import { FakeDiscord, type RecordedMessage } from "../fakes/discord/index.js";
import { SAMPLES, tempDataDir } from "../helpers/env.js";
import { ADMIN, command, discordApp, embedsOf, startAdapter, titlesOf, writeDump } from "./discord-harness.js";

const BOB = { id: "1290000000000000777", username: "bob" };
const CAROL = { id: "1290000000000000778", username: "carol" };
const HOSTILE = "@everyone <@&123> **bold** @here";
const NOBODY = { everyone: false, users: [], roles: [] };

describe("Discord delivery against the fake Discord", () => {
  let fake: FakeDiscord;
  let app: App;
  let clock: ReturnType<typeof discordApp>["clock"];
  let adapter: PlatformAdapter | undefined;
  let feed: string;
  let dumps = 0;

  /** Drops a dump into the inbox and runs one cycle (ingest, plan, deliver), as the cron job would. */
  async function drop(papers: Parameters<typeof writeDump>[2]) {
    dumps += 1;
    writeDump(app.config.inboxDir, `test-${String(dumps).padStart(3, "0")}.txt`, papers);
    clock.advance(60_000);
    return runCycle(app, clock.now());
  }
  const posted = (channelId: string): RecordedMessage[] => fake.messagesIn(channelId).filter((m) => m.meta.via !== "interaction");
  const postsTo = (channelId: string) => fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`);

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    feed = fake.addChannel("feed");
    const hook = fake.createWebhook(feed);
    ({ app, clock } = discordApp(fake, tempDataDir(), { channels: [{ platform: "discord", webhookUrl: hook.url, schedule: "instant" }] }));
    adapter = await startAdapter(app);
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    app?.close();
  });

  it("GIVEN a webhook URL in the config THEN the first digest is posted through it", async () => {
    copyFileSync(SAMPLES[0] ?? "", join(app.config.inboxDir, SAMPLES[0]?.split("/").pop() ?? "x.txt"));
    const report = await runCycle(app, clock.now());
    expect(report.delivered).toMatchObject({ sent: 5, failed: 0, dead: 0 });
    const [message, ...rest] = posted(feed);
    expect(rest).toHaveLength(0);
    expect(message?.meta.via).toBe("webhook");
    expect(message?.embeds).toHaveLength(5);
    expect(message?.allowedMentions).toEqual({ parse: [] });
  });

  it("GIVEN an admin set the channel to instant THEN a dump of 53 new papers is posted there in messages within the limits", async () => {
    await command(fake, { group: "channel", subcommand: "set", options: { schedule: "instant" }, ...ADMIN });
    copyFileSync(SAMPLES[1] ?? "", join(app.config.inboxDir, SAMPLES[1]?.split("/").pop() ?? "y.txt"));
    const report = await runCycle(app, clock.now());
    expect(report.delivered.failed + report.delivered.dead).toBe(0);
    const messages = posted(fake.defaultChannelId);
    expect(messages.reduce((sum, m) => sum + m.embeds.length, 0)).toBe(53);
    expect(messages.length).toBeGreaterThanOrEqual(6);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      expect(m.content.length).toBeLessThanOrEqual(2000);
      expect(m.allowedMentions).toEqual({ parse: [] });
      expect(m.meta.enforceNonce).toBe(true);
      expect(String(m.meta.nonce).length).toBeLessThanOrEqual(25);
    }
    expect(new Set(messages.map((m) => m.meta.nonce)).size).toBe(messages.length);
  });

  it("GIVEN a DM subscription THEN the person receives the matching papers and nothing else", async () => {
    const { message } = await command(fake, { subcommand: "subscribe", options: { query: "zebrafish OR narwhal", delivery: "dm", rhythm: "instant" }, user: BOB });
    expect(message.meta.ephemeral).toBe(true);
    await drop([
      { title: "Zebrafish Locomotion Learned from Video", abstract: "We learn zebrafish swimming from video with diffusion.", upvotes: 9 },
      { title: "Narwhal Tusk Acoustics at Scale", abstract: "Acoustic sensing of narwhal tusks with transformers.", upvotes: 4 },
      { title: "Graph Partitioning for Sparse Solvers", abstract: "A partitioner for sparse linear systems.", upvotes: 30 },
    ]);
    const dm = fake.dmChannelOf(BOB.id) ?? "";
    expect(titlesOf(posted(dm))).toEqual(["Zebrafish Locomotion Learned from Video", "Narwhal Tusk Acoustics at Scale"]);
    expect(titlesOf(posted(fake.defaultChannelId))).toContain("Graph Partitioning for Sparse Solvers");
  });

  it("GIVEN a paper titled '@everyone <@&123> **bold**' THEN it is posted inert and pings nobody", async () => {
    await drop([{ title: HOSTILE, abstract: "An abstract that says @everyone and <@&123> too, about quantum sheep.", upvotes: 3 }]);
    for (const channelId of [fake.defaultChannelId, feed]) {
      const message = posted(channelId).find((m) => embedsOf(m).some((e) => String(e["title"]).includes("bold")));
      expect(message?.pings).toEqual(NOBODY);
      expect(message?.allowedMentions).toEqual({ parse: [] });
      const embed = embedsOf(message as RecordedMessage).find((e) => String(e["title"]).includes("bold"));
      expect(embed?.["title"]).toBe("@\u200beveryone <\u200b@&123> \\*\\*bold\\*\\* @\u200bhere");
      expect(JSON.stringify(message?.raw)).not.toMatch(/@everyone|@here|<@&123>/);
    }
  });

  it("GIVEN a 429 on channel messages THEN the client waits it out and the message is created exactly once", async () => {
    const before = postsTo(fake.defaultChannelId).length;
    fake.rateLimitNext({ route: "POST /channels/:channelId/messages", channelId: fake.defaultChannelId }, { retryAfter: 0.3 });
    const report = await drop([{ title: "Quokka Smiles as a Benchmark", abstract: "A benchmark of quokka smiles.", upvotes: 2 }]);
    expect(report.delivered.failed).toBe(0);
    expect(postsTo(fake.defaultChannelId).slice(before).map((r) => r.status)).toEqual([429, 200]);
    expect(titlesOf(posted(fake.defaultChannelId)).filter((t) => t === "Quokka Smiles as a Benchmark")).toHaveLength(1);
  });

  it("GIVEN a deleted channel (10003) THEN it is disabled after one attempt, shown in status, and not tried again", async () => {
    const doomed = fake.addChannel("doomed");
    await command(fake, { group: "channel", subcommand: "set", options: { schedule: "instant" }, channelId: doomed, ...ADMIN });
    fake.setChannelState(doomed, "gone");
    await drop([{ title: "Pangolin Scales Under Stress", abstract: "Mechanics of pangolin scales.", upvotes: 5 }]);
    await drop([{ title: "Okapi Stripes and Camouflage", abstract: "Okapi stripe patterns.", upvotes: 5 }]);
    expect(postsTo(doomed).map((r) => r.status)).toEqual([404]);
    const status = app.store.status().destinations.find((d) => d.address === doomed);
    expect(status).toMatchObject({ status: "disabled", kind: "channel" });
    expect(status?.reason).toContain("10003");
    expect(posted(fake.defaultChannelId).some((m) => titlesOf([m]).includes("Okapi Stripes and Camouflage"))).toBe(true);
  });

  it("GIVEN a person whose DMs are closed (50007) THEN their subscriptions pause and their next command says so", async () => {
    await command(fake, { subcommand: "subscribe", options: { query: "axolotl", delivery: "dm", rhythm: "instant" }, user: CAROL });
    fake.refuseDms(CAROL.id);
    await drop([{ title: "Axolotl Limb Regeneration Atlas", abstract: "A cell atlas of axolotl limb regeneration.", upvotes: 8 }]);
    await drop([{ title: "Axolotl Gill Morphology", abstract: "Axolotl gills imaged in 3D.", upvotes: 8 }]);
    const dm = fake.dmChannelOf(CAROL.id) ?? "";
    expect(postsTo(dm).map((r) => r.status)).toEqual([403]);
    expect(app.store.destinations.find("discord", "dm", CAROL.id)?.status).toBe("disabled");
    const { message } = await command(fake, { subcommand: "subscriptions", user: CAROL });
    expect(message.meta.ephemeral).toBe(true);
    expect(message.content).toContain("Your subscriptions are paused");
    expect(message.content).toContain("Resumed your paused subscriptions");
    expect(app.store.destinations.find("discord", "dm", CAROL.id)?.status).toBe("active");
    const again = await command(fake, { subcommand: "help", user: CAROL });
    expect(again.message.content).not.toContain("paused");
  });
});
