import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FakeArxiv } from "../fakes/arxiv/index.js";
import { tempDataDir } from "../helpers/env.js";
import { arxivSource, hfPaper, hfSource, runPaperbot, sourceFakesPerTest, writeSourcesConfig } from "../helpers/sources.js";

const fakes = sourceFakesPerTest();

function envFor(dir: string, config: object): Record<string, string> {
  return { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: writeSourcesConfig(dir, config) };
}

interface FetchJson {
  sources: { source: string; days: string[]; pages: number; newPapers: number; requests: number; error: string | null }[];
}

const addArxivDays = (fake: FakeArxiv, days: readonly string[], perDay: number) => {
  days.forEach((day, d) => {
    for (let n = 1; n <= perDay; n += 1) {
      const id = `2512.${String(d * 100 + n).padStart(5, "0")}`;
      fake.add({ id, title: `Arxiv ${day} number ${n}`, summary: `Submitted on ${day}, item ${n}.`, primaryCategory: "cs.LG", submitted: `${day}T0${n}:00:00Z` });
    }
  });
};

describe("paperbot fetch", () => {
  it("GIVEN Hugging Face serving three days THEN a backfill fills the history with every paper and its arXiv id, and a second adds nothing", async () => {
    const hf = await fakes.huggingFace();
    hf.setDay("2025-12-10", [1, 2, 3, 4, 5].map((n) => hfPaper(n)));
    hf.setDay("2025-12-11", [hfPaper(6)]);
    // Day 12 fills its first page exactly: the empty second page is asked for too.
    hf.setDay("2025-12-12", [hfPaper(7), hfPaper(8)]);
    const dir = tempDataDir();
    const env = envFor(dir, { sources: [hfSource(hf.url, { pageSize: 2 })] });
    const args = ["fetch", "--source", "huggingface", "--since", "2025-12-10", "--until", "2025-12-12", "--json"];
    const first = await runPaperbot(args, env);
    expect(first.stderr).not.toMatch(/error|warn/u);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as FetchJson;
    expect(report.sources[0]).toMatchObject({ days: ["2025-12-10", "2025-12-11", "2025-12-12"], pages: 6, newPapers: 8, requests: 6, error: null });

    const search = await runPaperbot(["search", "inference", "--limit", "20", "--json"], env);
    const found = JSON.parse(search.stdout) as { total: number; results: { arxivId: string; url: string }[] };
    expect(found.total).toBe(8);
    for (const r of found.results) expect(r.url).toBe(`https://huggingface.co/papers/${r.arxivId}`);
    expect(found.results.map((r) => r.arxivId).sort()).toEqual(hf.papersOn(["2025-12-10", "2025-12-11", "2025-12-12"]).map((p) => p.id).sort());

    const requests = hf.requests.length;
    const second = JSON.parse((await runPaperbot(args, env)).stdout) as FetchJson;
    expect(second.sources[0]).toMatchObject({ days: [], newPapers: 0, requests: 0, error: null });
    expect(hf.requests.length).toBe(requests);

    const status = JSON.parse((await runPaperbot(["status", "--json"], env)).stdout) as { papers: number; sources: { source: string; lastError: string | null; pages: number }[] };
    expect(status.papers).toBe(8);
    expect(status.sources).toEqual([expect.objectContaining({ source: "huggingface", lastError: null, pages: 6, requests: 6 })]);

    const replay = tempDataDir();
    const ingest = await runPaperbot(["ingest", join(dir, "archive", "huggingface"), "--json"], { PAPERBOT_DATA_DIR: replay });
    expect(ingest.code).toBe(0);
    const replayed = JSON.parse((await runPaperbot(["status", "--json"], { PAPERBOT_DATA_DIR: replay })).stdout) as { papers: number };
    expect(replayed.papers).toBe(8);
  });

  it("GIVEN arXiv and Hugging Face sharing a paper and a cross-list THEN each paper is one, with its categories", async () => {
    const ax = await fakes.arxiv();
    const hf = await fakes.huggingFace();
    ax.add({ id: "2512.00001", title: "Shared paper from arXiv", summary: "Seen on both sources.", primaryCategory: "cs.CL", crossLists: ["cs.LG"], submitted: "2025-12-10T05:00:00Z" });
    ax.add({ id: "2512.00002", title: "Only on arXiv", summary: "Seen once.", primaryCategory: "cs.LG", submitted: "2025-12-10T06:00:00Z" });
    hf.setDay("2025-12-11", [{ ...hfPaper(1), title: "Shared paper from arXiv" }]);
    const dir = tempDataDir();
    const env = envFor(dir, { sources: [arxivSource(ax.url, ["cs.LG", "cs.CL"]), hfSource(hf.url)] });
    const run = await runPaperbot(["fetch", "--since", "2025-12-10", "--until", "2025-12-11", "--json"], env);
    expect(run.code).toBe(0);
    const status = JSON.parse((await runPaperbot(["status", "--json"], env)).stdout) as { papers: number };
    expect(status.papers).toBe(2);
    const found = JSON.parse((await runPaperbot(["search", "shared", "--json"], env)).stdout) as { results: { arxivId: string; upvotes: number }[] };
    expect(found.results).toEqual([expect.objectContaining({ arxivId: "2512.00001", upvotes: 1 })]);
  });

  it("GIVEN output that is not a terminal THEN each page is one line", async () => {
    const ax = await fakes.arxiv();
    addArxivDays(ax, ["2025-12-10"], 3);
    const dir = tempDataDir();
    const env = envFor(dir, { sources: [arxivSource(ax.url, ["cs.LG"], { pageSize: 2 })] });
    const run = await runPaperbot(["fetch", "--source", "arxiv", "--since", "2025-12-10", "--until", "2025-12-10"], env);
    expect(run.stdout.split("\n")).toEqual([
      "arxiv 2025-12-10 page 1: fetched, 2 papers of 3, 2 new",
      "arxiv 2025-12-10 page 2: fetched, 1 papers of 3, 1 new",
      "arxiv: 1 days, 2 pages, 3 papers, 3 new, 2 requests; done",
      "",
    ]);
  });

  it("GIVEN a backfill killed half-way THEN the rerun fetches no page twice and completes the history", async () => {
    const ax = await fakes.arxiv();
    const days = ["2025-12-08", "2025-12-09", "2025-12-10", "2025-12-11"];
    addArxivDays(ax, days, 5);
    const dir = tempDataDir();
    const env = envFor(dir, { sources: [arxivSource(ax.url, ["cs.LG"], { pageSize: 2, minIntervalMs: 600 })] });
    const args = ["fetch", "--source", "arxiv", "--since", days[0] ?? "", "--until", days[3] ?? "", "--json"];
    const fake = ax;
    const killed = await runPaperbot(args, env, (kill) => {
      const timer = setInterval(() => {
        if (fake.requests.length < 5) return;
        clearInterval(timer);
        // Half the interval after the fifth answer: its page is in, the next request not yet sent.
        setTimeout(kill, 300);
      }, 20);
    });
    expect(killed.signal).toBe("SIGKILL");
    const firstRun = ax.requests.length;
    expect(firstRun).toBe(5);
    const rerun = await runPaperbot(args, env);
    expect(rerun.code).toBe(0);
    const keys = ax.requests.map((r) => `${r.query["search_query"] ?? ""}@${r.query["start"] ?? ""}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Four days in one backfill window: 20 papers, 2 a page.
    expect(keys).toHaveLength(10);
    expect(new Set(ax.requests.map((r) => r.query["search_query"]))).toEqual(new Set(["cat:cs.LG AND submittedDate:[202512080000 TO 202512112359]"]));
    const status = JSON.parse((await runPaperbot(["status", "--json"], env)).stdout) as { papers: number };
    expect(status.papers).toBe(20);
    expect(readdirSync(join(dir, "archive", "arxiv"))).toHaveLength(10);
  });
});
