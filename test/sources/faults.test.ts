import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fetchSources, type App } from "../../src/app.js";
import { startFakeArxiv, type FakeArxiv } from "../fakes/arxiv/index.js";
import { startFakeHuggingFace, type FakeHuggingFace } from "../fakes/huggingface/index.js";
import { tempDataDir } from "../helpers/env.js";
import { arxivSource, hfPaper, hfSource, sourcesApp } from "../helpers/sources.js";

const NOW = "2025-12-18T12:00:00Z";
const DAY = "2025-12-18";
let hf: FakeHuggingFace;
let app: App | undefined;

afterEach(async () => {
  app?.close();
  app = undefined;
  await hf.close();
});

async function hfApp(extra: object = {}) {
  hf = await startFakeHuggingFace();
  hf.setDay(DAY, [hfPaper(1), hfPaper(2)]);
  const dir = tempDataDir();
  const built = sourcesApp(dir, { sources: [hfSource(hf.url, extra)], console: { channels: [] } }, NOW);
  app = built.app;
  return { app: built.app, dir, clock: built.clock };
}

const backfill = (a: App) => fetchSources(a, a.clock.now(), { range: { since: DAY, until: DAY } });
const archived = (dir: string) => (existsSync(join(dir, "archive", "huggingface")) ? readdirSync(join(dir, "archive", "huggingface")) : []);
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0));

describe("fetch faults", () => {
  it("GIVEN a request that never answers THEN it times out and the retry brings the day in", async () => {
    const { app: a } = await hfApp({ timeoutMs: 300 });
    hf.fail({ kind: "hang" });
    const [report] = await backfill(a);
    expect(report).toMatchObject({ error: null, newPapers: 2, requests: 2 });
    expect(hf.requests.map((r) => r.outcome)).toEqual(["hang", 200]);
  });

  it("GIVEN 429 with Retry-After: 1 THEN the next request waits at least a second and succeeds", async () => {
    const { app: a } = await hfApp();
    hf.fail({ kind: "status", status: 429, retryAfter: "1" });
    const [report] = await backfill(a);
    expect(report?.error).toBeNull();
    expect(hf.requests.map((r) => r.outcome)).toEqual([429, 200]);
    expect(gaps(hf.requests.map((r) => r.at))[0]).toBeGreaterThanOrEqual(1000);
  });

  it("GIVEN two 503s THEN the retries back off (doubling) and the third attempt succeeds", async () => {
    const { app: a } = await hfApp({ backoffMs: 100, minIntervalMs: 0 });
    hf.fail({ kind: "status", status: 503 }, 2);
    const [report] = await backfill(a);
    expect(report).toMatchObject({ error: null, newPapers: 2 });
    const [first, second] = gaps(hf.requests.map((r) => r.at));
    expect(first).toBeGreaterThanOrEqual(100);
    expect(second).toBeGreaterThanOrEqual(200);
  });

  it("GIVEN an HTML page on every attempt THEN the fetch fails with one line, nothing reaches the history or the archive", async () => {
    const { app: a, dir } = await hfApp({ retries: 1 });
    hf.fail({ kind: "html" }, 2);
    const [report] = await backfill(a);
    expect(report?.error).toMatch(/^huggingface: answered with an HTML page instead of JSON \(http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2025-12-18&p=0&limit=100\)$/u);
    expect(a.store.papers.count()).toBe(0);
    expect(archived(dir)).toEqual([]);
    expect(a.store.sources.state("huggingface")).toMatchObject({ lastError: report?.error, lastDay: null, lastSuccessAt: null });
  });

  it("GIVEN truncated bodies (dropped and cleanly ended) THEN neither is ingested and the retry is", async () => {
    const { app: a, dir } = await hfApp();
    hf.fail({ kind: "truncate" });
    hf.fail({ kind: "truncate", framed: true });
    const [report] = await backfill(a);
    expect(report).toMatchObject({ error: null, newPapers: 2, requests: 3 });
    expect(hf.requests.map((r) => r.outcome)).toEqual(["truncated", "truncated", 200]);
    expect(archived(dir)).toHaveLength(1);
  });

  it("GIVEN a truncated body and no retries left THEN the store is intact and the error is the source's last error", async () => {
    const { app: a } = await hfApp({ retries: 0 });
    hf.fail({ kind: "truncate", framed: true });
    const [report] = await backfill(a);
    expect(report?.error).toContain("answered with unreadable or truncated JSON");
    expect(a.store.papers.count()).toBe(0);
    expect(a.store.sources.isDayComplete("huggingface", DAY)).toBe(false);
  });

  it("GIVEN the source down for a day THEN that day's fetch fails and the next day's catches it up", async () => {
    const { app: a, clock } = await hfApp({ retries: 0 });
    hf.setDay("2025-12-19", [hfPaper(3)]);
    hf.setDay("2025-12-20", [hfPaper(4)]);
    await fetchSources(a, a.clock.now());
    expect(a.store.sources.state("huggingface").lastDay).toBe(DAY);
    hf.down = true;
    clock.set("2025-12-19T12:00:00Z");
    const [down] = await fetchSources(a, a.clock.now());
    expect(down?.error).toContain("HTTP 503");
    expect(a.store.sources.state("huggingface")).toMatchObject({ lastDay: DAY, lastError: down?.error });
    hf.down = false;
    clock.set("2025-12-20T12:00:00Z");
    const [back] = await fetchSources(a, a.clock.now());
    expect(back).toMatchObject({ error: null, days: ["2025-12-18", "2025-12-19", "2025-12-20"] });
    expect(a.store.papers.count()).toBe(4);
    expect(a.store.sources.state("huggingface")).toMatchObject({ lastDay: "2025-12-20", lastError: null });
  });

  it("GIVEN an item without a title THEN it is skipped with a warning and the others are ingested", async () => {
    const { app: a } = await hfApp();
    hf.setDay(DAY, [hfPaper(1), hfPaper(2, { title: "" })]);
    const [report] = await backfill(a);
    expect(report).toMatchObject({ error: null, newPapers: 1 });
  });
});

describe("arXiv politeness", () => {
  let ax: FakeArxiv;
  afterEach(async () => ax.close());

  it("GIVEN a paged day THEN requests are spaced by the interval and name the bot in User-Agent", async () => {
    hf = await startFakeHuggingFace();
    ax = await startFakeArxiv();
    for (let n = 1; n <= 5; n += 1) {
      ax.add({ id: `2512.0000${n}`, title: `Arxiv ${n}`, summary: `Abstract ${n}.`, primaryCategory: "cs.LG", submitted: `${DAY}T0${n}:00:00Z` });
    }
    const built = sourcesApp(tempDataDir(), { sources: [arxivSource(ax.url, ["cs.LG"], { minIntervalMs: 250, pageSize: 2 })] }, NOW);
    app = built.app;
    const [report] = await backfill(built.app);
    expect(report).toMatchObject({ error: null, pages: 3, newPapers: 5, requests: 3 });
    expect(ax.requests.map((r) => r.query["start"])).toEqual(["0", "2", "4"]);
    for (const gap of gaps(ax.requests.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(245);
    expect(ax.requests[0]?.headers["user-agent"]).toMatch(/^paperbot\/\S+ \(/u);
    expect(ax.requests[0]?.query["search_query"]).toBe("cat:cs.LG AND submittedDate:[202512180000 TO 202512182359]");
  });

  it("GIVEN arXiv's error feed (HTTP 400) THEN it is not retried and its message is the error", async () => {
    hf = await startFakeHuggingFace();
    ax = await startFakeArxiv();
    ax.fail({ kind: "status", status: 400, contentType: "application/atom+xml", body: "<feed><entry><id>http://arxiv.org/api/errors#x</id><summary>max_results must be an integer</summary></entry></feed>" });
    const built = sourcesApp(tempDataDir(), { sources: [arxivSource(ax.url, ["cs.LG"])] }, NOW);
    app = built.app;
    const [report] = await backfill(built.app);
    expect(report?.error).toMatch(/^arxiv: HTTP 400: max_results must be an integer \(/u);
    expect(ax.requests).toHaveLength(1);
  });
});
