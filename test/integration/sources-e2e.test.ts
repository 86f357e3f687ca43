import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverPending, fetchSources, runSourceJob, type App } from "../../src/app.js";
import type { PlatformAdapter } from "../../src/adapters/index.js";
import { startFakeArxiv, type ArxivPaperInput, type FakeArxiv } from "../fakes/arxiv/index.js";
import { FakeDiscord, type RecordedMessage } from "../fakes/discord/index.js";
import { startFakeHuggingFace, type FakeHuggingFace } from "../fakes/huggingface/index.js";
import { tempDataDir } from "../helpers/env.js";
import { arxivSource, hfPaper, hfSource, sourcesApp } from "../helpers/sources.js";
import { embedsOf, startAdapter, titlesOf } from "./discord-harness.js";

const DAY1 = "2025-12-18";
const DAY2 = "2025-12-19";
const DAY3 = "2025-12-20";

const arxivPaper = (id: string, title: string, submitted: string, extra: Partial<ArxivPaperInput> = {}): ArxivPaperInput => ({
  id, title, summary: `${title}: the abstract, with enough words to summarise.`, primaryCategory: "cs.LG", submitted, authors: ["Ada Lovelace"], ...extra,
});

/**
 * A bot with both sources and an instant Discord channel, across three simulated days: each day the
 * scheduled job of each source runs (the cron callback, `runSourceJob`) with the injected clock.
 */
describe("Hugging Face and arXiv into Discord, three days", () => {
  let fake: FakeDiscord;
  let hf: FakeHuggingFace;
  let ax: FakeArxiv;
  let app: App;
  let clock: ReturnType<typeof sourcesApp>["clock"];
  let adapter: PlatformAdapter | undefined;
  let feed: string;

  const posted = (): RecordedMessage[] => fake.messagesIn(feed).filter((m) => m.meta.via !== "interaction");
  async function day(iso: string): Promise<void> {
    clock.set(`${iso}T12:00:00Z`);
    await runSourceJob(app, "huggingface", clock.now());
    await runSourceJob(app, "arxiv", clock.now());
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    hf = await startFakeHuggingFace();
    ax = await startFakeArxiv();
    feed = fake.addChannel("feed");
    const hook = fake.createWebhook(feed);
    const config = {
      channels: [{ platform: "discord", webhookUrl: hook.url, schedule: "instant" }],
      sources: [hfSource(hf.url), arxivSource(ax.url, ["cs.LG", "cs.CL"])],
      digest: { firstRunLimit: 50 },
    };
    const env = { DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl };
    ({ app, clock } = sourcesApp(tempDataDir(), config, `${DAY1}T08:00:00Z`, env));
    adapter = await startAdapter(app);
  });

  afterAll(async () => {
    await adapter?.stop();
    await Promise.all([fake?.close(), hf?.close(), ax?.close()]);
    app?.close();
  });

  it("GIVEN day 1 THEN the papers of both sources are posted, a cross-listed paper once", async () => {
    hf.setDay(DAY1, [hfPaper(1, { githubRepo: "https://github.com/example/one", projectPage: "https://example.org/one" }), hfPaper(2)]);
    ax.add(arxivPaper("2512.10001", "Arxiv-first attention for long documents", `${DAY1}T03:00:00Z`));
    ax.add(arxivPaper("2512.10002", "Cross-listed parsing with tiny grammars", `${DAY1}T04:00:00Z`, { primaryCategory: "cs.CL", crossLists: ["cs.LG"] }));
    await day(DAY1);
    expect(titlesOf(posted()).sort()).toEqual([
      "Arxiv-first attention for long documents",
      "Cross-listed parsing with tiny grammars",
      hfPaper(1).title,
      hfPaper(2).title,
    ]);
    const one = embedsOf(posted()[0] as RecordedMessage).find((e) => e["title"] === hfPaper(1).title);
    expect(String(one?.["description"])).toContain("[arXiv](https://arxiv.org/abs/2512.00001)");
    expect(String(one?.["description"])).toContain("[Code](https://github.com/example/one)");
    expect(String(one?.["description"])).toContain("[Project page](https://example.org/one)");
  });

  it("GIVEN day 2 with the arXiv paper now on Hugging Face, a v2 and an upvote rise THEN only the new papers are posted and the rise is trending", async () => {
    const before = posted().length;
    hf.setDay(DAY2, [
      { id: "2512.10001", title: "Arxiv-first attention for long documents", summary: "Short HF summary.", upvotes: 40, aiSummary: "Attention that reads long documents." },
      hfPaper(3),
    ]);
    hf.setUpvotes("2512.00001", 31);
    ax.revise("2512.10002", { title: "Cross-listed parsing with tiny grammars (v2)", updated: `${DAY2}T01:00:00Z` });
    ax.add(arxivPaper("2512.20001", "Day two arXiv paper on retrieval", `${DAY2}T02:00:00Z`));
    await day(DAY2);
    expect(titlesOf(posted().slice(before)).sort()).toEqual(["Day two arXiv paper on retrieval", hfPaper(3).title]);
    const merged = app.store.papers.findByArxivId("2512.10001");
    expect(merged).toMatchObject({ upvotes: 40, aiSummary: "Attention that reads long documents.", primaryCategory: "cs.LG" });
    expect(app.store.papers.findByArxivId("2512.10002")).toMatchObject({ title: "Cross-listed parsing with tiny grammars (v2)", arxivVersion: 2 });
    const { reply } = await app.commands.runText({ platform: "console", userId: "u", userName: "u", channelId: null, workspaceId: null, isAdmin: false }, "trending days:7");
    expect(reply.text).toContain(`Rising (upvotes gained in 7 days): ${hfPaper(1).title} (+30)`);
  });

  it("GIVEN day 3 with a late joiner on day 2 and a backfill of an old month THEN the new ones are posted once, the old recorded but not posted", async () => {
    const before = posted().length;
    hf.setDay(DAY3, [hfPaper(4)]);
    hf.addToDay(DAY2, hfPaper(5));
    hf.setDay("2025-11-03", [hfPaper(90), hfPaper(91)]);
    await day(DAY3);
    const backfill = await fetchSources(app, clock.now(), { source: "huggingface", range: { since: "2025-11-01", until: "2025-11-05" } });
    expect(backfill[0]).toMatchObject({ error: null, newPapers: 2 });
    await deliverPending(app, clock.now());
    expect(titlesOf(posted().slice(before)).sort()).toEqual([hfPaper(4).title, hfPaper(5).title]);
    const all = titlesOf(posted());
    expect(new Set(all).size).toBe(all.length);
    expect(app.store.papers.findByArxivId("2512.00090")).toBeDefined();
  });
});
