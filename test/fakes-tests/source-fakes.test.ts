/** Proves the Hugging Face and arXiv fakes speak the shapes the real services do, page, and fail on demand. */
import { describe, expect, it } from "vitest";
import { readAtomFeed, readDump } from "../../src/digests/index.js";
import type { FakeArxiv } from "../fakes/arxiv/index.js";
import { sourceFakesPerTest } from "../helpers/sources.js";

const fakes = sourceFakesPerTest();

const paper = (n: number) => ({ id: `2512.${String(n).padStart(5, "0")}`, title: `Paper ${n}`, summary: `Abstract of paper ${n}.`, upvotes: n });

describe("fake Hugging Face /api/daily_papers", () => {
  it("GIVEN a day of 5 papers and limit 2 THEN pages p=0..2 hold 2, 2 and 1 elements in the real shape", async () => {
    const hf = await fakes.huggingFace();
    hf.setDay("2025-12-18", [1, 2, 3, 4, 5].map(paper));
    const sizes: number[] = [];
    for (const p of [0, 1, 2]) {
      const res = await fetch(`${hf.url}/api/daily_papers?date=2025-12-18&p=${p}&limit=2`);
      const body = (await res.json()) as { paper: { id: string; upvotes: number; submittedOnDailyAt: string }; numComments: number }[];
      sizes.push(body.length);
      expect(body[0]?.paper.submittedOnDailyAt).toMatch(/^2025-12-18T/u);
    }
    expect(sizes).toEqual([2, 2, 1]);
    const whole = await fetch(`${hf.url}/api/daily_papers?date=2025-12-18`);
    const dump = readDump(Buffer.from(await whole.text()), { name: "d.json", referenceTime: new Date() });
    expect(dump.format).toBe("hf-daily-json");
    expect(dump.papers.map((p) => p.arxivId)).toEqual(["2512.00001", "2512.00002", "2512.00003", "2512.00004", "2512.00005"]);
  });

  it("GIVEN the ETag of an answer THEN If-None-Match gets 304 until the day changes", async () => {
    const hf = await fakes.huggingFace();
    hf.setDay("2025-12-18", [paper(1)]);
    const first = await fetch(`${hf.url}/api/daily_papers?date=2025-12-18`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/u);
    const again = await fetch(`${hf.url}/api/daily_papers?date=2025-12-18`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    hf.setUpvotes("2512.00001", 9);
    const changed = await fetch(`${hf.url}/api/daily_papers?date=2025-12-18`, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(hf.requests.map((r) => r.outcome)).toEqual([200, 304, 200]);
  });

  it("GIVEN injected faults THEN 429 carries Retry-After, 503, an HTML page, a truncated body and down answer in turn", async () => {
    const hf = await fakes.huggingFace();
    hf.setDay("2025-12-18", [paper(1)]);
    hf.fail({ kind: "status", status: 429, retryAfter: "7" });
    hf.fail({ kind: "status", status: 503 });
    hf.fail({ kind: "html" });
    const url = `${hf.url}/api/daily_papers?date=2025-12-18`;
    const limited = await fetch(url);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    expect((await fetch(url)).status).toBe(503);
    const html = await fetch(url);
    expect([html.status, (await html.text()).startsWith("<!DOCTYPE html>")]).toEqual([200, true]);
    hf.fail({ kind: "truncate" });
    await expect(fetch(url).then((r) => r.text())).rejects.toThrow();
    hf.down = true;
    expect((await fetch(url)).status).toBe(503);
    hf.down = false;
    expect((await fetch(url)).status).toBe(200);
    expect(hf.requests.every((r) => r.at > 0 && r.path === "/api/daily_papers")).toBe(true);
  });
});

describe("fake arXiv export API", () => {
  const add = (fake: FakeArxiv, n: number, submitted: string, primary = "cs.LG", crossLists: string[] = []) =>
    fake.add({ id: `2512.${String(n).padStart(5, "0")}`, title: `Arxiv paper ${n}`, summary: `Abstract ${n}.`, primaryCategory: primary, crossLists, submitted });

  it("GIVEN a category and a submittedDate range THEN the Atom feed pages by start until totalResults", async () => {
    const ax = await fakes.arxiv();
    for (let n = 1; n <= 5; n += 1) add(ax, n, `2025-12-17T0${n}:00:00Z`);
    add(ax, 6, "2025-12-18T01:00:00Z");
    add(ax, 7, "2025-12-17T08:00:00Z", "math.OC");
    const q = encodeURIComponent("cat:cs.LG AND submittedDate:[202512170000 TO 202512172359]");
    const ids: string[] = [];
    for (const start of [0, 2, 4]) {
      const text = await (await fetch(`${ax.url}/api/query?search_query=${q}&start=${start}&max_results=2`)).text();
      const feed = readAtomFeed(text, "q");
      expect(feed.totalResults).toBe(5);
      ids.push(...feed.dump.papers.map((p) => p.arxivId ?? ""));
    }
    expect(ids).toEqual(["2512.00001", "2512.00002", "2512.00003", "2512.00004", "2512.00005"]);
  });

  it("GIVEN a cross-listed paper and an OR of categories THEN it is one entry listing both categories", async () => {
    const ax = await fakes.arxiv();
    add(ax, 1, "2025-12-17T01:00:00Z", "cs.CL", ["cs.LG"]);
    const q = encodeURIComponent("(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202512170000 TO 202512172359]");
    const feed = readAtomFeed(await (await fetch(`${ax.url}/api/query?search_query=${q}&start=0&max_results=10`)).text(), "q");
    expect(feed.dump.papers).toHaveLength(1);
    expect(feed.dump.papers[0]?.arxiv).toMatchObject({ primaryCategory: "cs.CL", categories: ["cs.CL", "cs.LG"], version: 1 });
  });

  it("GIVEN a query it cannot read THEN it answers 400 with arXiv's error feed", async () => {
    const ax = await fakes.arxiv();
    const res = await fetch(`${ax.url}/api/query?search_query=${encodeURIComponent("ti:foo")}&start=0&max_results=1`);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain("<id>http://arxiv.org/api/errors#search_query</id>");
    expect(() => readAtomFeed(body, "err")).toThrow(/arXiv answered with an error: incorrect search_query clause/u);
  });

  it("GIVEN a revision THEN the entry id carries v2 and the new title", async () => {
    const ax = await fakes.arxiv();
    add(ax, 1, "2025-12-17T01:00:00Z");
    ax.revise("2512.00001", { title: "Arxiv paper 1, revised", updated: "2025-12-19T00:00:00Z" });
    const q = encodeURIComponent("cat:cs.LG");
    const text = await (await fetch(`${ax.url}/api/query?search_query=${q}&start=0&max_results=10`)).text();
    expect(text).toContain("<id>http://arxiv.org/abs/2512.00001v2</id>");
    expect(readAtomFeed(text, "q").dump.papers[0]).toMatchObject({ title: "Arxiv paper 1, revised", arxiv: { version: 2 } });
  });
});
