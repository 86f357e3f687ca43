import { connectionOf } from "../../src/store/sqlite.js";
import { afterEach, describe, expect, it } from "vitest";
import { deliverPending, runCycle, type App } from "../../src/app.js";
import { inProcessSearcher } from "../../src/search/index.js";
import { inProcessRecommendations } from "../../src/recommend/index.js";
import { pageClick } from "../../src/commands/index.js";
import { ingestBytes } from "../../src/ingest/ingest.js";
import { searchPage } from "../../src/commands/papers.js";
import { consoleHarness } from "../helpers/console.js";
import { REPO, SAMPLES, tempDataDir, testApp } from "../helpers/env.js";
import { join } from "node:path";

let app: App | undefined;
afterEach(() => app?.close());

async function primed(now = "2025-12-20T12:00:00Z", env: Record<string, string> = {}) {
  const dir = tempDataDir();
  const t = testApp(dir, now, env);
  app = t.app;
  const h = consoleHarness(t.app);
  for (const sample of SAMPLES.slice(0, 3)) h.drop(sample);
  await runCycle(t.app, t.clock.now());
  h.take();
  return { ...t, h };
}

function ctxOf(a: App, user = "ada") {
  return {
    store: a.store,
    searcher: inProcessSearcher(a.store.search),
    recommendations: inProcessRecommendations(a.store.papers),
    now: a.clock.now(),
    settings: { timeZone: a.config.timeZone, digestSchedule: a.config.digest.schedule },
    actor: { platform: "console", userId: user, userName: user, channelId: "papers", workspaceId: null, isAdmin: false },
  };
}

describe("/papers search through the console", () => {
  it("GIVEN the samples WHEN searching homomorphic encryption THEN the HE paper is first", async () => {
    const { h } = await primed();
    const out = await h.chat("/papers search homomorphic encryption");
    expect(out.split("\n")[1]).toContain("Leveraging ASIC AI Chips for Homomorphic Encryption");
  });

  it("GIVEN a singular word THEN stemming finds the plural in titles, title matches ranked first", async () => {
    const { app: a } = await primed();
    const reply = await searchPage(ctxOf(a), "transformer", 0, 5);
    expect(reply.cards.length).toBeGreaterThan(0);
    expect(reply.cards[0]?.title).toMatch(/Transformers?/);
  });

  it("GIVEN many results THEN Next pages through to the end without repeats", async () => {
    const { app: a } = await primed();
    let reply = await searchPage(ctxOf(a), "model", 0, 4);
    const total = Number(/of (\d+) for/.exec(reply.heading ?? "")?.[1]);
    expect(total).toBeGreaterThan(8);
    const seen = new Set(reply.cards.map((c) => c.paperId));
    for (let guard = 0; guard < 50; guard += 1) {
      const next = reply.buttons.find((b) => b.label.startsWith("Next"));
      if (next === undefined || next.disabled === true) break;
      reply = await pageClick(ctxOf(a), next.id);
      for (const card of reply.cards) {
        expect(seen.has(card.paperId)).toBe(false);
        seen.add(card.paperId);
      }
    }
    expect(seen.size).toBe(total);
    expect(reply.buttons.find((b) => b.label.startsWith("Next"))?.disabled).toBe(true);
  });

  it("GIVEN a page button older than an hour THEN the page says it expired", async () => {
    const { app: a, clock } = await primed();
    const first = await searchPage(ctxOf(a), "model", 0, 4);
    const next = first.buttons.find((b) => b.label.startsWith("Next"));
    clock.advance(2 * 3_600_000);
    expect((await pageClick(ctxOf(a), next?.id ?? "")).text).toContain("expired");
  });

  it("GIVEN hostile queries THEN each gets a friendly message and the store is unchanged", async () => {
    const { app: a, h } = await primed();
    const before = connectionOf(a.store).prepare("SELECT count(*) AS n, sum(upvotes) AS u FROM papers").get();
    for (const q of ['"open', "OR", "title:", "a\u0000b", "x) OR 1=1 --", "'; DROP TABLE papers; --", "z".repeat(5000), "NEAR(a b)"]) {
      const out = await h.chat(`/papers search ${q}`);
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toMatch(/SqliteError|fts5: syntax error|at .*\.ts:\d+/);
    }
    expect(connectionOf(a.store).prepare("SELECT count(*) AS n, sum(upvotes) AS u FROM papers").get()).toEqual(before);
    expect(connectionOf(a.store).pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("GIVEN show of an id THEN the full paper is printed; a mistake gets the usage", async () => {
    const { h } = await primed();
    expect(await h.chat("/papers show 1")).toContain("Gated Linear Attention");
    expect(await h.chat("/papers show")).toContain("Usage: /papers show paper:<text>");
  });
});

describe("subscriptions", () => {
  it("GIVEN a subscription THEN the reply previews the matches published in the last 30 days, and only those", async () => {
    const { h, app: a, clock } = await primed();
    // Seen this week but published on 2025-01-12: not a paper "of the last 30 days".
    const old = await h.chat('/papers subscribe "homomorphic encryption" dm instant');
    expect(old).toMatch(/Subscribed \(#\d+\)/);
    expect(old).toContain("No paper published in the last 30 days would have matched");
    expect(old).not.toContain("Leveraging ASIC AI Chips for Homomorphic Encryption");
    h.drop(join(REPO, "examples", "next-dump.txt"));
    await runCycle(a, clock.now());
    const out = await h.chat('/papers subscribe "linear attention" dm instant');
    expect(out).toMatch(/1 paper published in the last 30 days would have matched, e\.g\.:\n• Chunked Linear Attention for Million-Token Retrieval \(2025-12-12\)\n$/u);
  });

  it("GIVEN overlapping subscriptions THEN each matching paper reaches the person once, with matched terms", async () => {
    const { app: a, clock, h } = await primed();
    await h.chat("/papers subscribe attention dm instant", { user: "ada" });
    await h.chat('/papers subscribe "linear complexity" dm instant', { user: "ada" });
    await h.chat("/papers subscribe quantum chromodynamics dm instant", { user: "bob" });
    h.drop(SAMPLES[3] ?? "");
    await runCycle(a, clock.now());
    const printed = h.take();
    const adaPart = printed.split("── ").filter((block) => block.startsWith("@ada")).join("");
    expect(adaPart).toContain("EcoFormer: Energy-Saving Attention with Linear Complexity");
    expect(adaPart.match(/^\d+\. EcoFormer/gm)).toHaveLength(1);
    expect(printed).not.toContain("@bob");
    const rows = connectionOf(a.store)
      .prepare(`SELECT count(*) AS n FROM deliveries d JOIN destinations t ON t.id = d.destination_id
        WHERE t.kind = 'dm' AND t.address = 'ada' GROUP BY d.paper_id HAVING n > 1`)
      .all();
    expect(rows).toEqual([]);
    const eco = connectionOf(a.store).prepare("SELECT id FROM papers WHERE title LIKE 'EcoFormer%'").get() as { id: number };
    const shown = await h.chat(`/papers show ${eco.id}`, { user: "ada" });
    expect(shown).toMatch(/matched: .*attention/i);
    expect(shown).toMatch(/matched: .*linear/i);
  });

  it("GIVEN unsubscribe by id or query THEN the subscription is gone; an unknown one gets the usage", async () => {
    const { h } = await primed();
    await h.chat("/papers subscribe diffusion");
    await h.chat("/papers subscribe gaussian splatting weekly");
    expect(await h.chat("/papers subscriptions")).toMatch(/#1 +diffusion +\(DM, daily\)[\s\S]*#2 +gaussian splatting +\(DM, weekly\)/);
    expect(await h.chat("/papers unsubscribe #1")).toContain("Unsubscribed from #1");
    expect(await h.chat("/papers unsubscribe gaussian splatting")).toContain("Unsubscribed from #2");
    expect(await h.chat("/papers unsubscribe 99")).toContain("Usage: /papers unsubscribe");
    expect(await h.chat("/papers subscribe (")).toContain("Usage: /papers subscribe");
  });
});

describe("channel digests", () => {
  it("GIVEN a non-admin THEN channel set is refused and nothing changes", async () => {
    const { app: a, h } = await primed();
    const before = a.store.destinations.find("console", "channel", "papers");
    expect(await h.chat("/papers channel set daily 07:00", { admin: false })).toContain("Only people who can manage");
    expect(await h.chat("/papers channel off", { admin: false })).toContain("Only people who can manage");
    expect(a.store.destinations.find("console", "channel", "papers")).toEqual(before);
  });

  it("GIVEN daily 09:00 in New York across the DST change THEN the digest waits for 13:00Z", async () => {
    const { app: a, clock, h } = await primed("2025-03-08T20:00:00Z", { PAPERBOT_TIME_ZONE: "America/New_York" });
    expect(await h.chat("/papers channel set daily 09:00", { admin: true })).toContain("daily 09:00");
    h.drop(SAMPLES[3] ?? "", "2025-03-08T19:00:00Z");
    await runCycle(a, clock.now());
    expect(h.take()).toBe("");
    clock.set("2025-03-09T12:59:00Z");
    await deliverPending(a, clock.now());
    expect(h.take()).toBe("");
    clock.set("2025-03-09T13:00:00Z");
    await deliverPending(a, clock.now());
    expect(h.take()).toContain("#papers · Daily Papers");
  });

  it("GIVEN a channel time zone override THEN its digest is due at the local wall time", async () => {
    const { app: a, clock, h } = await primed("2025-06-01T00:00:00Z");
    expect(await h.chat("/papers channel set weekly mon 08:30 Asia/Kolkata", { admin: true })).toContain("weekly mon 08:30 Asia/Kolkata");
    h.drop(SAMPLES[3] ?? "", "2025-06-01T00:00:00Z");
    await runCycle(a, clock.now());
    const due = connectionOf(a.store).prepare("SELECT DISTINCT due_at FROM deliveries WHERE state = 'pending'").all();
    expect(due).toEqual([{ due_at: "2025-06-02T03:00:00.000Z" }]);
  });

  it("GIVEN a filter and a minimum of upvotes THEN only matching papers are posted", async () => {
    const { app: a, clock, h } = await primed();
    await h.chat("/papers channel set instant min_upvotes:0 filter:attention OR sparse", { admin: true });
    expect(await h.chat("/papers channel show")).toContain("matching attention OR sparse");
    h.drop(SAMPLES[3] ?? "");
    await runCycle(a, clock.now());
    const cards = h.take().split("\n").filter((line) => /^\d+\. /.test(line));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      const id = Number(/\[#(\d+)\]/.exec(card)?.[1]);
      const paper = a.store.papers.get(id);
      expect(`${paper?.title} ${paper?.abstract}`).toMatch(/attention|sparse/i);
    }
  });

  it("GIVEN channel off THEN pending digest rows are skipped and nothing is posted", async () => {
    const { app: a, clock, h } = await primed();
    await h.chat("/papers channel set daily 09:00", { admin: true });
    h.drop(SAMPLES[3] ?? "");
    await runCycle(a, clock.now());
    expect(await h.chat("/papers channel off", { admin: true })).toContain("digest is off");
    clock.advance(2 * 86_400_000);
    await deliverPending(a, clock.now());
    expect(h.take()).toBe("");
  });
});

describe("trending", () => {
  const entry = (id: string, title: string, upvotes: number) => ({
    paper: { id, title, summary: `${title}. We propose a method.`, authors: [{ name: "A. Author" }], publishedAt: "2025-12-01T00:00:00.000Z", upvotes },
    publishedAt: "2025-12-01T00:00:00.000Z",
    title,
  });

  it("GIVEN sightings with rising upvotes THEN momentum ranks the riser first beside the totals", async () => {
    const { app: a, clock, h } = await primed();
    const day1 = JSON.stringify([entry("2512.00001", "Slow Riser Networks", 5), entry("2512.00002", "Steady Giant Models", 90)]);
    const day2 = JSON.stringify([entry("2512.00001", "Slow Riser Networks", 60), entry("2512.00002", "Steady Giant Models", 92)]);
    await ingestBytes(a.store, { path: "d1.json", bytes: Buffer.from(day1), referenceTime: clock.now(), now: clock.now() });
    clock.advance(86_400_000);
    await ingestBytes(a.store, { path: "d2.json", bytes: Buffer.from(day2), referenceTime: clock.now(), now: clock.now() });
    const out = await h.chat("/papers trending 7");
    expect(out).toMatch(/Rising \(upvotes gained in 7 days\): Slow Riser Networks \(\+55\) · Steady Giant Models \(\+2\)/);
    expect(out).toMatch(/Highest totals: Steady Giant Models \(▲92\) · Slow Riser Networks \(▲60\)/);
    expect(out.split("\n").find((line) => /^1\. /.test(line))).toContain("Slow Riser Networks");
  });
});
