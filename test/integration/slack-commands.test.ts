/** `/papers` over the real bolt, against the fake Slack, over HTTP and over Socket Mode. */
import { connectionOf } from "../../src/store/sqlite.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeCommandText, FAILURE_TEXT } from "../../src/adapters/slack/commands.js";
import { requiresAdmin } from "../../src/commands/index.js";
import { runCycle } from "../../src/app.js";
import { createLogger } from "../../src/log.js";
import { checkMessage, staleTimestamp } from "../fakes/slack/index.js";
import { ADMIN, buttonsOf, CHANNEL, MEMBER, MODES, SECRET, startHarness, visibleText, type Harness } from "./slack-harness.js";

describe.each(MODES)("/papers over %s", (mode) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(mode);
  });
  afterEach(async () => {
    await h.close();
  });

  it("GIVEN an admin sets the channel to instant THEN a dropped dump is posted there within Slack's limits", async () => {
    const reply = await h.command("channel set instant", ADMIN);
    expect(reply.response_type).toBe("in_channel");
    expect(visibleText(reply)).toContain("This channel now gets new papers: instant");
    expect(h.fake.callsTo("users.info").map((c) => c.args.user)).toEqual([ADMIN.id]);

    h.dropSample(0);
    const report = await runCycle(h.app, h.app.clock.now());
    expect(report.delivered.sent).toBe(5);
    const posted = h.fake.messagesIn(CHANNEL);
    expect(posted).toHaveLength(1);
    for (const m of posted) {
      expect(checkMessage(m)).toEqual({ ok: true, warnings: [] });
      expect(m.text).toMatch(/^Daily Papers · 2025-12-20 · 5 new papers/);
      expect(m.unfurl_links).toBe(false);
      expect(m.unfurl_media).toBe(false);
      expect(m.metadata).toMatchObject({ event_type: "paperbot_digest", event_payload: { part: 0, parts: 1 } });
    }
    expect(visibleText(posted[0] ?? { text: "", blocks: [] })).toContain("Leveraging ASIC AI Chips for Homomorphic Encryption");
  });

  it("GIVEN a member who is not an admin THEN channel set is refused and the channel row is unchanged", async () => {
    await h.command("channel set daily 08:00", ADMIN);
    const before = h.app.store.destinations.find("slack", "channel", CHANNEL);
    const reply = await h.command("channel set instant", MEMBER);
    expect(reply.response_type).toBe("ephemeral");
    expect(visibleText(reply)).toContain("Only people who can manage this server or workspace");
    expect(h.app.store.destinations.find("slack", "channel", CHANNEL)).toEqual(before);
    expect((await h.command("channel off", MEMBER)).text).toContain("Only people who can manage");
    expect(h.app.store.destinations.find("slack", "channel", CHANNEL)?.digestEnabled).toBe(true);
  });

  it("GIVEN a DM subscription THEN the person gets its matching papers by DM and nothing else", async () => {
    h.dropSample(0);
    await runCycle(h.app, h.app.clock.now());
    const reply = await h.command('subscribe "linear attention" dm instant', MEMBER);
    expect(visibleText(reply)).toContain("Subscribed (#");
    expect(h.fake.callsTo("users.info")).toHaveLength(0);

    h.dropSample(1);
    const report = await runCycle(h.app, h.app.clock.now());
    const dms = h.fake.messagesIn(MEMBER.id);
    expect(dms.length).toBeGreaterThan(0);
    expect(report.delivered.sent).toBeGreaterThan(0);
    expect(h.fake.callsTo("conversations.open").map((c) => c.args.users)).toEqual([MEMBER.id]);
    const contexts = dms.flatMap((m) => (m.blocks ?? []).filter((b) => b.type === "context"));
    expect(contexts.length).toBe(report.delivered.sent);
    for (const block of contexts) expect(JSON.stringify(block)).toMatch(/matched: [^"]*linear/i);
    expect(h.fake.messages.filter((m) => m.channel !== h.fake.dmChannelFor(MEMBER.id))).toHaveLength(0);
  });

  it("GIVEN the samples THEN search homomorphic encryption answers with the ASIC paper first, privately", async () => {
    for (const i of [0, 1, 2, 3]) h.dropSample(i);
    await runCycle(h.app, h.app.clock.now());
    const reply = await h.command("search homomorphic encryption");
    expect(reply.status).toBe(200);
    expect(reply.response_type).toBe("ephemeral");
    const texts = (reply.blocks ?? []).filter((b) => b.type === "rich_text").map((b) => JSON.stringify(b));
    expect(texts[0]).toContain("Results 1");
    expect(texts[1]).toContain("Leveraging ASIC AI Chips for Homomorphic Encryption");
  });

  it("GIVEN many results THEN Next pages through to the last page, replacing the message", async () => {
    for (const i of [0, 1, 2, 3]) h.dropSample(i);
    await runCycle(h.app, h.app.clock.now());
    let reply = await h.command("search model limit:10");
    const total = Number(/of (\d+) for/.exec(visibleText(reply))?.[1]);
    expect(total).toBeGreaterThan(20);
    const seen: string[] = [];
    for (let page = 0; page < 20; page += 1) {
      seen.push(/Results (\d+)–(\d+)/.exec(visibleText(reply))?.[0] ?? "?");
      const next = buttonsOf(reply).get("Next ▶");
      if (next === undefined) break;
      reply = await h.click(next);
      expect(reply.replace_original).toBe(true);
    }
    expect(seen[0]).toBe("Results 1–10");
    expect(seen.at(-1)).toMatch(new RegExp(`–${total}$`));
    expect(seen).toHaveLength(Math.ceil(total / 10));
    expect(buttonsOf(reply).has("◀ Previous")).toBe(true);
  });

  it("GIVEN a mistake THEN the subcommand's usage comes back, privately", async () => {
    const missing = await h.command("search");
    expect(missing.response_type).toBe("ephemeral");
    expect(visibleText(missing)).toContain("Usage: /papers search");
    const unknown = await h.command("channel frobnicate", ADMIN);
    expect(visibleText(unknown)).toContain("Usage: /papers channel");
    if (mode === "socket") expect(h.fake.socketAcks.map((a) => a.latencyMs < 3_000)).toEqual([true, true]);
    else expect(h.adapter.port).toBeGreaterThan(0);
  });

  it("GIVEN the handler throws THEN the person is told to try again and bolt keeps running", async () => {
    connectionOf(h.app.store).close();
    const reply = await h.command("search diffusion");
    expect(reply.text).toBe(FAILURE_TEXT);
    expect(reply.response_type).toBe("ephemeral");
  });
});

describe("/papers over HTTP: request signatures", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness("http");
  });
  afterEach(async () => {
    await h.close();
  });

  it("GIVEN a bad, stale or missing signature THEN 401 and nothing runs", async () => {
    const fields = { text: "channel set instant", user_id: ADMIN.id, user_name: ADMIN.name, channel_id: CHANNEL };
    const bad = await h.fake.signedSlashCommand(h.eventsUrl, SECRET, fields, { signWithSecret: "not-the-secret" });
    const stale = await h.fake.signedSlashCommand(h.eventsUrl, SECRET, fields, { timestamp: staleTimestamp() });
    const unsigned = await h.fake.signedSlashCommand(h.eventsUrl, SECRET, fields, { unsigned: true });
    expect([bad.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.fake.responses).toHaveLength(0);
    expect(h.fake.callsTo("users.info")).toHaveLength(0);
    expect(h.app.store.destinations.find("slack", "channel", CHANNEL)).toBeUndefined();
  });
});

describe.each(MODES)("Slack logs over %s", (mode) => {
  it("GIVEN debug logging THEN bolt's lines reach the app's logger with every secret redacted", async () => {
    const lines: string[] = [];
    const secrets = [SECRET, "xoxb-fake-bot-token", "xapp-1-A0FAKEAPP-1-fake-app-token"];
    const log = createLogger((line) => lines.push(line), { level: "debug", secrets });
    const h = await startHarness(mode, { env: { PAPERBOT_LOG_LEVEL: "debug" }, log });
    try {
      connectionOf(h.app.store).close();
      expect((await h.command("search diffusion")).text).toBe(FAILURE_TEXT);
    } finally {
      await h.close();
    }
    expect(lines.filter((l) => l.includes(" slack: ")).length).toBeGreaterThan(3);
    expect(lines.some((l) => l.includes("error") && l.includes("a /papers request failed"))).toBe(true);
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});

describe("reading slash commands", () => {
  it("GIVEN Slack's entity-escaped text THEN it is decoded before parsing", () => {
    expect(decodeCommandText("search upvotes:&gt;=5 a &amp;lt; b")).toBe("search upvotes:>=5 a &lt; b");
  });

  it("GIVEN channel settings or a channel subscription THEN admin rights are checked", () => {
    expect(requiresAdmin({ path: "channel set", args: {} })).toBe(true);
    expect(requiresAdmin({ path: "subscribe", args: { query: "x", delivery: "channel" } })).toBe(true);
    expect(requiresAdmin({ path: "search", args: { query: "x" } })).toBe(false);
  });
});
