/**
 * The Slack side of "nothing twice": after a crash, a resumed digest reads the conversation's
 * history and skips the parts already posted (found by their metadata); when history cannot be
 * read it warns once and sends. The publisher is driven directly against the fake Slack; a new
 * publisher stands for the restarted process (its in-memory progress is gone).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webApi } from "@slack/bolt";
import { SlackPublisher } from "../../src/adapters/slack/publisher.js";
import { Pacer } from "../../src/delivery/pacing.js";
import { createLogger, type Logger } from "../../src/log.js";
import type { PaperCard } from "../../src/messages/index.js";
import type { Destination } from "../../src/store/index.js";
import { capturingLogger, FakeSlack } from "../fakes/slack/index.js";
import { CHANNEL, MEMBER } from "./slack-harness.js";

const destination = (over: Partial<Destination> = {}): Destination => ({
  id: 1, platform: "slack", kind: "channel", address: CHANNEL, workspace: null, label: null, schedule: "instant", timeZone: null,
  minUpvotes: 0, filter: null, digestEnabled: true, thread: false, status: "active", statusReason: null, notice: null, declared: false, createdAt: "2025-01-01T00:00:00.000Z", ...over,
});
const cards = (n: number): PaperCard[] =>
  Array.from({ length: n }, (_, i) => ({
    paperId: i + 1, title: `Paper ${i + 1}`, tldr: "tl;dr", upvotes: n - i, publishedOn: null, organization: null,
    authorCount: null, url: null, arxivUrl: null, githubUrl: null, projectUrl: null, keywords: [], matched: [],
  }));
/** 30 cards: two messages on Slack. */
const digest = (n = 30) => ({ heading: `Daily Papers · ${n} new papers`, date: "2025-12-20", cards: cards(n), footer: null });
const RESUMED = { resumed: true };
/** No pacing: these tests are about what is sent, not how fast. */
const unpaced = () => new Pacer({ perDestination: { count: 1_000, windowMs: 1_000 }, global: { count: 1_000, windowMs: 1_000 } });

describe("Slack reconciliation of a digest interrupted by a crash", () => {
  let fake: FakeSlack;
  let lines: string[];
  let log: Logger;
  /** A publisher as a freshly started process has it; `retries: 0` so one injected failure is final. */
  const restarted = () =>
    new SlackPublisher(new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: capturingLogger(), retryConfig: { retries: 0 } }), log, {}, unpaced());
  const payloads = (channel: string) => fake.messagesIn(channel).map((m) => m.metadata?.event_payload);

  beforeEach(async () => {
    fake = await FakeSlack.start();
    fake.addUser(MEMBER);
    lines = [];
    log = createLogger((line) => lines.push(line), { level: "info", secrets: [] });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("GIVEN both parts reached the channel before the crash WHEN the digest is resumed THEN nothing is posted again and the first part is the ref", async () => {
    expect((await restarted().publish(destination(), digest(), "key-a")).ok).toBe(true);
    const [first] = fake.messagesIn(CHANNEL);
    const again = await restarted().publish(destination(), digest(), "key-a", RESUMED);
    expect(again).toEqual({ ok: true, ref: `${CHANNEL}/${first?.ts ?? ""}` });
    expect(payloads(CHANNEL)).toEqual([{ key: "key-a", part: 0, parts: 2 }, { key: "key-a", part: 1, parts: 2 }]);
    expect(fake.callsTo("conversations.history")[0]?.args).toMatchObject({ channel: CHANNEL, include_all_metadata: "true", limit: "100" });
    expect(lines.join("")).toContain("2 of 2 part(s) of an interrupted digest already in");
  });

  it("GIVEN only the first part was posted, among other digests WHEN resumed THEN only the second part is sent", async () => {
    await restarted().publish(destination(), digest(3), "other-before");
    const first = fake.waitForMessage(CHANNEL, (m) => m.metadata?.event_payload["key"] === "key-b").then(() => fake.failNext("chat.postMessage", 1, 500));
    expect((await restarted().publish(destination(), digest(), "key-b")).ok).toBe(false);
    await first;
    await restarted().publish(destination(), digest(3), "other-after");
    expect((await restarted().publish(destination(), digest(), "key-b", RESUMED)).ok).toBe(true);
    expect(payloads(CHANNEL).filter((p) => p?.["key"] === "key-b")).toEqual([{ key: "key-b", part: 0, parts: 2 }, { key: "key-b", part: 1, parts: 2 }]);
  });

  it("GIVEN a DM digest that was posted WHEN resumed THEN the DM's history is read and nothing is repeated", async () => {
    const dm = destination({ kind: "dm", address: MEMBER.id });
    await restarted().publish(dm, digest(), "key-dm");
    expect((await restarted().publish(dm, digest(), "key-dm", RESUMED)).ok).toBe(true);
    expect(payloads(MEMBER.id)).toHaveLength(2);
    expect(fake.callsTo("conversations.history")[0]?.args).toMatchObject({ channel: fake.dmChannelFor(MEMBER.id) });
  });

  it("GIVEN nothing was posted WHEN resumed THEN every part is sent; a digest that was not resumed does not read history", async () => {
    expect((await restarted().publish(destination(), digest(), "key-c", RESUMED)).ok).toBe(true);
    expect(payloads(CHANNEL)).toHaveLength(2);
    await restarted().publish(destination(), digest(3), "key-d");
    expect(fake.callsTo("conversations.history")).toHaveLength(1);
  });

  it("GIVEN history cannot be read WHEN resumed THEN one warning names the scopes and the digest is sent anyway", async () => {
    await restarted().publish(destination(), digest(3), "key-e");
    fake.failNext("conversations.history", 1, 500);
    expect((await restarted().publish(destination(), digest(3), "key-e", RESUMED)).ok).toBe(true);
    expect(payloads(CHANNEL)).toHaveLength(2);
    const warnings = lines.filter((l) => l.includes(" warn "));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot read the history of C0PAPERS .*HTTP 500.*channels:history, groups:history, im:history and mpim:history/);
  });

  it("GIVEN an incoming webhook WHEN resumed THEN it warns that webhooks cannot be reconciled and sends", async () => {
    const hook = destination({ kind: "webhook", address: fake.webhookUrl });
    expect((await restarted().publish(hook, digest(3), "key-w", RESUMED)).ok).toBe(true);
    expect(fake.messagesIn(fake.webhookChannel)).toHaveLength(1);
    expect(lines.filter((l) => l.includes(" warn ")).join("")).toContain("webhooks cannot be read back");
    expect(fake.callsTo("conversations.history")).toHaveLength(0);
  });
});
