/**
 * `/papers similar` and `/papers foryou days:all` compare against the whole history: seconds of
 * work at a large one. The bot runs them on its recommend worker, so the event loop that serves
 * health checks, interactions and signals keeps turning meanwhile. Generous bounds, not a benchmark.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createCommandService, type CommandService } from "../../src/commands/index.js";
import { inProcessRecommendations, prng, RecommendWorker, type Recommendations } from "../../src/recommend/index.js";
import { inProcessSearcher } from "../../src/search/index.js";
import { openDatabase } from "../../src/store/database.js";
import { openStore, type Store } from "../../src/store/index.js";
import { tempDataDir } from "../helpers/env.js";
import { openTestStore } from "../search/store.js";

const PAPERS = 6_000;
const NOW = "2025-12-20T12:00:00Z";
const ACTOR = { platform: "console", userId: "ada", userName: "ada", channelId: "papers", workspaceId: null, isAdmin: false };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A history of `PAPERS` papers of about 150 words each, drawn from a skewed vocabulary of 4,000 made-up words. */
function history(): string {
  const dir = tempDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "paperbot.db");
  const db = openDatabase(path);
  const random = prng(13);
  const syllables = ["ka", "lo", "mi", "ner", "tu", "vis", "zan", "qua", "ret", "sol", "pen", "dri"];
  const words = Array.from({ length: 4_000 }, (_, i) => `${syllables[i % 12]}${syllables[Math.floor(i / 12) % 12]}${syllables[Math.floor(i / 144) % 12]}`);
  const word = (): string => words[Math.floor(words.length * random() ** 2)] ?? "kalo";
  const text = (n: number): string => Array.from({ length: n }, word).join(" ");
  const store = openTestStore(db);
  db.transaction(() => {
    for (let i = 0; i < PAPERS; i += 1) store.add({ title: text(8), abstract: `${text(150)}.`, firstSeenAt: "2025-06-01T00:00:00Z" });
  })();
  db.close();
  return path;
}

function service(store: Store, recommendations: Recommendations): CommandService {
  return createCommandService({
    store,
    searcher: inProcessSearcher(store.search),
    recommendations,
    clock: fixedClock(NOW),
    settings: { timeZone: "UTC", digestSchedule: "0 9 * * *" },
  });
}

/** Runs `work` while a 20 ms timer ticks; the longest gap between two ticks (the event loop held). */
async function longestGap<T>(work: () => Promise<T>): Promise<{ value: T; gapMs: number }> {
  let last = performance.now();
  let gapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 20);
  try {
    const value = await work();
    gapMs = Math.max(gapMs, performance.now() - last);
    return { value, gapMs };
  } finally {
    clearInterval(timer);
  }
}

function opened(path: string): Store {
  const store = openStore(path);
  cleanups.push(() => store.close());
  return store;
}

const cardIds = (reply: { cards: readonly { paperId: number }[] }): number[] => reply.cards.map((c) => c.paperId);

describe("recommendations off the event loop", () => {
  it("GIVEN 6,000 papers and a cold recommender WHEN /papers similar and /papers foryou days:all run THEN a 20 ms timer never waits 500 ms, and the answers equal the in-process ones", async () => {
    const path = history();
    const store = opened(path);
    const worker = new RecommendWorker(path, { budgetMs: 300_000 });
    cleanups.push(() => worker.close());
    const commands = service(store, worker);
    for (const id of [1, 2, 3]) store.people.setVerdict({ platform: "console", id: "ada" }, id, "like", new Date(NOW));

    const similar = await longestGap(() => commands.run(ACTOR, { path: "similar", args: { paper: "10" } }));
    const foryou = await longestGap(() => commands.run(ACTOR, { path: "foryou", args: { days: "all" } }));
    expect(similar.value.heading).toMatch(/^Papers like/);
    expect(foryou.value.heading).toMatch(/^For you: 5 of the whole history/);
    expect(similar.gapMs).toBeLessThan(500);
    expect(foryou.gapMs).toBeLessThan(500);

    const inProcess = service(store, inProcessRecommendations(store.papers));
    expect(cardIds(similar.value)).toEqual(cardIds(await inProcess.run(ACTOR, { path: "similar", args: { paper: "10" } })));
    expect(cardIds(foryou.value)).toEqual(cardIds(await inProcess.run(ACTOR, { path: "foryou", args: { days: "all" } })));
  }, 300_000);

  it("GIVEN a budget the work cannot meet THEN the person is told, in one line, to try again in a minute", async () => {
    const path = history();
    const store = opened(path);
    const worker = new RecommendWorker(path, { budgetMs: 50 });
    cleanups.push(() => worker.close());
    const reply = await service(store, worker).run(ACTOR, { path: "similar", args: { paper: "10" } });
    expect(reply.text).toMatch(/^Finding papers like #10 took longer than 1 s .*try again in a minute\.$/);
    expect(reply.cards).toHaveLength(0);
  }, 300_000);
});
