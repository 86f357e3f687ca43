/** Digests and subscription deliveries through the Slack publisher, and `paperbot run` with Slack, against the fake Slack. */
import { copyFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { webApi } from "@slack/bolt";
import { platformAdapters } from "../../src/adapters/index.js";
import { createSlackAdapter, type SlackAdapter } from "../../src/adapters/slack/index.js";
import { SlackPublisher } from "../../src/adapters/slack/publisher.js";
import { deliverPending, runCycle, platformDeps } from "../../src/app.js";
import { silentLogger } from "../../src/log.js";
import { runBot } from "../../src/main.js";
import type { PaperCard } from "../../src/messages/index.js";
import type { Destination } from "../../src/store/index.js";
import { capturingLogger, checkMessage, FakeSlack } from "../fakes/slack/index.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";
import { allStrings, ADMIN, mrkdwnTexts, CHANNEL, MEMBER, MODES, NOW, SECRET, startHarness, type Harness } from "./slack-harness.js";

const HOSTILE_TITLE = "<!channel> @everyone <@U123> & <https://evil|x>";
const HOSTILE_DUMP = `Daily Papers

Dec 19

${HOSTILE_TITLE}

An abstract that tries <!here> and <@U999> and <!everyone> & <!subteam^S1|@team> in its text.

  • 3 authors
·
Dec 18 7
`;

describe.each(MODES)("Slack delivery over %s", (mode) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(mode);
  });
  afterEach(async () => {
    await h.close();
  });

  const channelRow = () => h.app.store.destinations.find("slack", "channel", CHANNEL);
  const postCalls = () => h.fake.callsTo("chat.postMessage").length;

  it("GIVEN a hostile title THEN the digest broadcasts nothing and mentions no one", async () => {
    await h.command("channel set instant", ADMIN);
    h.dropDump("hostile.txt", HOSTILE_DUMP);
    const report = await runCycle(h.app, h.app.clock.now());
    expect(report.ingested.map((o) => o.status)).toEqual(["ingested"]);
    const posted = h.fake.messagesIn(CHANNEL);
    expect(posted).toHaveLength(1);
    const strings = posted.flatMap((m) => [m.text ?? "", ...allStrings(m.blocks)]);
    expect(strings.join("\n")).toContain("&lt;!channel&gt; @everyone &lt;@U123&gt; &amp; &lt;https://evil");
    // Slack parses mentions and links only in the fallback text and mrkdwn objects: there, nothing survives.
    const parsed = posted.flatMap((m) => [m.text ?? "", ...mrkdwnTexts(m.blocks)]);
    for (const s of parsed) expect(s).not.toMatch(/<[!@#]|<https:\/\/evil/);
    // The title itself is rich text (a link element to its page, or plain text), which Slack shows exactly as written.
    expect(JSON.stringify(posted.map((m) => m.blocks))).toMatch(
      /"type":"rich_text_section","elements":\[\{"type":"(?:text|link","url":"https:\/\/huggingface\.co\/papers[^"]*)","text":"<!channel> @everyone[^"]*","style":\{"bold":true\}/u,
    );
  });

  it("GIVEN a 429 on chat.postMessage THEN Retry-After is waited out and the digest is sent once", async () => {
    await h.command("channel set instant", ADMIN);
    h.fake.rateLimitNext("chat.postMessage", 1, 1);
    h.dropSample(0);
    const started = Date.now();
    const report = await runCycle(h.app, h.app.clock.now());
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(report.delivered).toMatchObject({ sent: 5, failed: 0, messages: 1 });
    expect(h.fake.callsTo("chat.postMessage").map((c) => c.status)).toEqual([429, 200]);
    expect(h.fake.messagesIn(CHANNEL)).toHaveLength(1);
  });

  it("GIVEN a channel that is gone THEN the destination is disabled with the reason and never retried", async () => {
    await h.command("channel set instant", ADMIN);
    h.fake.setChannelState(CHANNEL, "channel_not_found");
    h.dropSample(0);
    const report = await runCycle(h.app, h.app.clock.now());
    expect(report.delivered).toMatchObject({ sent: 0, dead: 5 });
    expect(channelRow()).toMatchObject({ status: "disabled", statusReason: "channel_not_found" });
    expect(postCalls()).toBe(1);
    await deliverPending(h.app, new Date(h.app.clock.now().getTime() + 86_400_000), true);
    expect(postCalls()).toBe(1);
    expect((await h.command("channel show", MEMBER)).text).toContain("Disabled: channel_not_found");
  });

  it("GIVEN a subscriber whose account is deactivated THEN the DM is disabled and the subscription paused", async () => {
    h.dropSample(0);
    await runCycle(h.app, h.app.clock.now());
    await h.command('subscribe "linear attention" dm instant', MEMBER);
    h.fake.setUserInactive(MEMBER.id);
    h.dropSample(1);
    await runCycle(h.app, h.app.clock.now());
    expect(h.app.store.destinations.find("slack", "dm", MEMBER.id)).toMatchObject({ status: "disabled", statusReason: "account_inactive" });
    expect(h.app.store.subscriptions.ofOwner("slack", MEMBER.id).map((s) => s.status)).toEqual(["paused"]);
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("GIVEN an incoming-webhook destination THEN the digest is POSTed there with the same rendering", async () => {
    const now = h.app.clock.now();
    const dest = h.app.store.destinations.ensure({ platform: "slack", kind: "webhook", address: h.fake.webhookUrl }, "instant", now);
    h.app.store.destinations.configure(dest.id, { schedule: "instant", timeZone: null, minUpvotes: 0, filter: null, digestEnabled: true }, now);
    h.dropSample(0);
    const report = await runCycle(h.app, now);
    expect(report.delivered.sent).toBe(5);
    const [posted] = h.fake.messagesIn(h.fake.webhookChannel);
    expect(posted?.via).toBe("webhook");
    expect(checkMessage({ text: posted?.text, blocks: posted?.blocks })).toEqual({ ok: true, warnings: [] });
    expect(posted?.blocks?.[0]).toMatchObject({ type: "header" });
  });
});

describe("Slack publisher, directly", () => {
  let fake: FakeSlack;
  let publisher: SlackPublisher;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: capturingLogger(), retryConfig: webApi.retryPolicies.rapidRetryPolicy });
    publisher = new SlackPublisher(client, silentLogger, { webhook: { maxRateLimitWaitMs: 0 } });
  });
  afterEach(async () => {
    await fake.close();
  });

  const destination = (over: Partial<Destination>): Destination => ({
    id: 1, platform: "slack", kind: "channel", address: CHANNEL, workspace: null, label: null, schedule: "instant", timeZone: null,
    minUpvotes: 0, filter: null, digestEnabled: true, thread: false, status: "active", statusReason: null, notice: null, declared: false, createdAt: "2025-01-01T00:00:00.000Z", ...over,
  });
  const cards = (n: number): PaperCard[] =>
    Array.from({ length: n }, (_, i) => ({
      paperId: i + 1, title: `Paper ${i + 1}`, tldr: "tl;dr", upvotes: n - i, publishedOn: null, organization: null,
      authorCount: null, url: null, arxivUrl: null, githubUrl: null, projectUrl: null, keywords: [], matched: [],
    }));
  const digest = (n: number) => ({ heading: `Daily Papers · ${n} new papers`, date: "2025-12-20", cards: cards(n), footer: null });

  it("GIVEN a split digest whose second part fails THEN failure is reported and the retry sends only the rest", async () => {
    const first = fake.waitForMessage(CHANNEL).then(() => fake.failNext("chat.postMessage", 11, 500));
    const failed = await publisher.publish(destination({}), digest(30), "key-1");
    await first;
    expect(failed).toMatchObject({ ok: false, permanent: false, reason: "HTTP 500" });
    const retried = await publisher.publish(destination({}), digest(30), "key-1");
    expect(retried.ok).toBe(true);
    expect(fake.messagesIn(CHANNEL).map((m) => m.metadata?.event_payload)).toEqual([
      { key: "key-1", part: 0, parts: 2 },
      { key: "key-1", part: 1, parts: 2 },
    ]);
  });

  it("GIVEN bad credentials THEN the failure is retryable and the destination is not blamed", async () => {
    const bad = new SlackPublisher(new webApi.WebClient("xoxb-wrong", { slackApiUrl: fake.apiUrl, logger: capturingLogger() }), silentLogger);
    const result = await bad.publish(destination({}), digest(1), "key-2");
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(result.ok === false && result.destinationGone).toBeFalsy();
  });

  it("GIVEN webhooks that are gone or rate limited THEN gone disables, a long 429 is handed back with its wait", async () => {
    fake.setChannelState(fake.webhookChannel, "is_archived");
    expect(await publisher.publish(destination({ kind: "webhook", address: fake.webhookUrl }), digest(1), "k3")).toMatchObject({
      ok: false, permanent: true, destinationGone: true,
    });
    fake.setChannelState(fake.webhookChannel, undefined);
    fake.rateLimitNext("webhook", 1, 30);
    expect(await publisher.publish(destination({ kind: "webhook", address: fake.webhookUrl }), digest(1), "k4")).toMatchObject({
      ok: false, permanent: false, retryAfterMs: 30_000,
    });
  });
});

describe.each(MODES)("paperbot run with Slack over %s", (mode) => {
  let fake: FakeSlack;
  let dataDir: string;
  beforeEach(async () => {
    fake = await FakeSlack.start({ waitTimeoutMs: 5_000 });
    fake.addUser(MEMBER);
    dataDir = tempDataDir();
    const target = join(dataDir, "inbox", "000.txt");
    copyFileSync(SAMPLES[0] ?? "", target);
    utimesSync(target, new Date(NOW), new Date(NOW));
    const config = {
      slack: { admins: [MEMBER.id] },
      channels: [
        { platform: "slack", id: CHANNEL, schedule: "instant" },
        { platform: "slack", webhookUrl: fake.webhookUrl, schedule: "instant" },
      ],
    };
    writeFileSync(join(dataDir, "paperbot.json"), JSON.stringify(config));
  });
  afterEach(async () => {
    await fake.close();
  });

  const open = (tokens: { bot?: string; app?: string } = {}) =>
    testApp(dataDir, NOW, {
      PAPERBOT_CONFIG: "paperbot.json",
      SLACK_BOT_TOKEN: tokens.bot ?? fake.botToken,
      PAPERBOT_SLACK_API_URL: fake.apiUrl,
      PAPERBOT_SLACK_PORT: "0",
      ...(mode === "socket" ? { SLACK_APP_TOKEN: tokens.app ?? fake.appToken } : { SLACK_SIGNING_SECRET: SECRET }),
    });

  it("GIVEN a wrong token THEN start fails with one line naming the setting to fix", async () => {
    const wrongBot = open({ bot: "xoxb-wrong" }).app;
    const adapter = createSlackAdapter(platformDeps(wrongBot, "slack"), { host: "127.0.0.1" });
    await expect(adapter?.start()).rejects.toMatchObject({ code: "PLATFORM_REFUSED", where: "SLACK_BOT_TOKEN", message: expect.stringContaining("invalid_auth") });
    await adapter?.stop();
    wrongBot.close();
    if (mode === "http") return;
    const wrongApp = open({ app: "xapp-wrong" }).app;
    const socket = createSlackAdapter(platformDeps(wrongApp, "slack"), {});
    await expect(socket?.start()).rejects.toMatchObject({ code: "PLATFORM_REFUSED", where: "SLACK_APP_TOKEN" });
    await socket?.stop();
    wrongApp.close();
  });

  it("GIVEN Slack settings and configured channels THEN run --once posts to the channel and the webhook", async () => {
    const { app, config } = open();
    const output: string[] = [];
    const code = await runBot(app, config, silentLogger, {
      once: true,
      write: (t) => output.push(t),
      adapters: await platformAdapters(config),
      stopSignal: new Promise(() => undefined),
    });
    expect(code).toBe(0);
    expect(output).toEqual([]);
    expect(fake.messagesIn(CHANNEL)).toHaveLength(1);
    expect(fake.messagesIn(fake.webhookChannel)).toHaveLength(1);
    expect(fake.callsTo("auth.test")).toHaveLength(1);
    await vi.waitFor(() => expect(fake.openSocketCount).toBe(0), { timeout: 2_000 });
  });

  it("GIVEN a user listed as a Slack admin in the config THEN they configure a channel without a users.info lookup", async () => {
    const { app, config } = open();
    let adapter: SlackAdapter | null = null;
    let stop: (signal: string) => void = () => undefined;
    const running = runBot(app, config, silentLogger, {
      once: false,
      write: () => undefined,
      adapters: [(services) => (adapter = createSlackAdapter({ ...platformDeps(app, "slack"), ...services }, { host: "127.0.0.1", retryConfig: webApi.retryPolicies.rapidRetryPolicy }))],
      stopSignal: new Promise((resolve) => (stop = resolve)),
    });
    await fake.waitForMessage(CHANNEL);
    const started = adapter as SlackAdapter | null;
    const response_url = fake.newResponseUrl();
    const fields = { text: "channel set weekly fri 10:00", user_id: MEMBER.id, user_name: MEMBER.name, channel_id: "C0OTHER", response_url };
    if (mode === "socket") await fake.sendSlashCommand(fields);
    else await fake.signedSlashCommand(`http://127.0.0.1:${started?.port ?? 0}/slack/events`, SECRET, fields);
    const reply = await fake.waitForResponse((r) => r.url === response_url);
    expect(reply.text).toContain("This channel now gets new papers: weekly");
    expect(fake.callsTo("users.info")).toHaveLength(0);
    stop("SIGTERM");
    expect(await running).toBe(0);
    expect(started?.port ?? null).toBeNull();
  });
});
