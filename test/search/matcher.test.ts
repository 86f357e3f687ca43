import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  documentOf,
  matchDocument,
  matchesQuery,
  parseQuery,
  SubscriptionMatcher,
  type PaperDocument,
  type Query,
  type SubscriptionMatch,
} from "../../src/search/index.js";
import { BATCH_PAPERS } from "../../src/search/batch.js";
import type { Paper } from "../../src/domain/paper.js";
import { addSamplePapers } from "./samples.js";
import { openTestStore, type TestStore } from "./store.js";

let store: TestStore;
let papers: Paper[];
let docs: Map<number, PaperDocument>;

beforeAll(() => {
  store = openTestStore();
  papers = addSamplePapers(store);
  docs = new Map(papers.map((p) => [p.id, documentOf(p)]));
});
afterAll(() => store.db.close());

function query(text: string): Query {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.query;
}

/** A match as one comparable string: the subscription and the terms it matched. */
function describeMatch(m: SubscriptionMatch): string {
  return `${m.subscriptionId}:${m.matched.join("|")}`;
}

function sqlIds(search: TestStore["search"], q: Query): number[] {
  return search.page(q, { limit: 100_000, offset: 0 }).results.map((h) => h.paper.id).sort((a, b) => a - b);
}

const QUERIES = [
  "transformer", "Transformers", "matrix multiplication", '"matrix multiplication"', '"large language models"',
  "quant*", "block*", "spars*", '"vector gra"*', '"linear attention"', "title:block", "abstract:block",
  'title:"vector graphics"', "title:quant*", "author:smith", "author:núñez", "author:\"li wei\"", "org:openbmb",
  "org:gensyn OR org:openbmb", "gemm OR spgemm", "neural OR deep learning", "(neural network) OR transformer",
  "attention -linear", "llm -quantization -title:block", "-(sparse attention) attention", "memory NOT gpu",
  "quantization since:2024-06-01", "upvotes:>=2", "upvotes:>1 transformer", "since:2024-09-01", "upvotes:=0 vector",
  "efficient (gpu OR tpu OR asic)", "title:(block OR blockwise)", "homomorphic encryption", "a", "the",
  "state-of-the-art", "3d", "8-bit", "llm.int8", "fourier OR fft OR \"fast fourier\"", "x*", "zzzz*", "nonexistentword",
];

describe("matchesQuery agrees with the SQL search", () => {
  for (const text of QUERIES) {
    it(`GIVEN ${JSON.stringify(text)} over the sample papers THEN JS and FTS5 pick the same papers`, () => {
      const q = query(text);
      const js = papers.filter((p) => matchDocument(q, docs.get(p.id) ?? documentOf(p)) !== null).map((p) => p.id);
      expect(js).toEqual(sqlIds(store.search, q));
    });
  }

  it("GIVEN the query set THEN most queries match something (the agreement is not vacuous)", () => {
    const nonEmpty = QUERIES.filter((text) => sqlIds(store.search, query(text)).length > 0);
    expect(nonEmpty.length).toBeGreaterThan(QUERIES.length * 0.8);
  });
});

describe("SubscriptionMatcher", () => {
  it("GIVEN every query as a subscription THEN each paper's matches equal the SQL (subscription, paper) pairs", () => {
    const subscriptions = QUERIES.map((text, i) => ({ id: 100 + i, query: query(text) }));
    const expected = subscriptions.flatMap((s) => sqlIds(store.search, s.query).map((id) => `${s.id}:${id}`)).sort();
    for (const frequency of [undefined, store.search.termFrequencies()]) {
      const matcher = new SubscriptionMatcher(subscriptions, frequency === undefined ? {} : { frequency });
      const actual = papers.flatMap((p) => matcher.match(p).map((m) => `${m.subscriptionId}:${p.id}`)).sort();
      expect(actual).toEqual(expected);
      expect(matcher.stats.alwaysChecked).toBe(QUERIES.filter((t) => query(t).match === null).length);
    }
  });

  it("GIVEN a match THEN the matched terms are the query's own words, from satisfied branches only", () => {
    const paper = papers.find((p) => p.title.startsWith("Leveraging ASIC AI Chips"));
    expect(paper).toBeDefined();
    if (paper === undefined) return;
    const matcher = new SubscriptionMatcher([
      { id: 1, query: query("Homomorphic encryption") },
      { id: 2, query: query("homomorphic OR lattice OR ASIC*") },
      { id: 3, query: query("encryption -homomorphic") },
      { id: 4, query: query("upvotes:>=0") },
    ]);
    expect(matcher.match(paper).sort((a, b) => a.subscriptionId - b.subscriptionId)).toEqual([
      { subscriptionId: 1, matched: ["Homomorphic", "encryption"] },
      { subscriptionId: 2, matched: ["homomorphic", "ASIC*"] },
      { subscriptionId: 4, matched: [] },
    ]);
    expect(matchesQuery(query("(Leveraging ASIC) OR zebra -lattice"), paper)).toEqual(["Leveraging", "ASIC"]);
    expect(matchesQuery(query('zebra OR (title:"AI chips" homomorphic*)'), paper)).toEqual(["AI chips", "homomorphic*"]);
    expect(matchesQuery(query('title:"AI chips" since:2000-01-01'), paper)).toEqual(["AI chips"]);
    expect(matchesQuery(query("title:encryption since:2099-01-01"), paper)).toBeNull();
  });

  it("GIVEN more papers than one batch holds THEN matching them together equals matching each alone", () => {
    const subscriptions = QUERIES.map((text, i) => ({ id: 100 + i, query: query(text) }));
    const matcher = new SubscriptionMatcher(subscriptions);
    const alone = papers.map((p) => matcher.match(p).map(describeMatch).sort());
    const many = Array.from({ length: 2 * BATCH_PAPERS + 37 }, (_, i) => papers[i % papers.length] as Paper);
    const together = matcher.matchAll(many).byPaper(many.length);
    expect(together).toHaveLength(many.length);
    together.forEach((found, i) => expect(found.map(describeMatch).sort()).toEqual(alone[i % papers.length]));
    expect(alone.flat().length).toBeGreaterThan(papers.length);
  });

  it("GIVEN subscriptions THEN a paper without any anchor term is never verified against them", () => {
    const matcher = new SubscriptionMatcher([{ id: 1, query: query("zebra giraffe") }, { id: 2, query: query("quant* OR okapi") }]);
    expect(matcher.stats).toEqual({ subscriptions: 2, anchors: 3, alwaysChecked: 0, distinctTerms: 4 });
    expect(matcher.match(papers[0] as Paper)).toEqual([]);
    const quant = papers.find((p) => /quantiz/i.test(p.title));
    expect(quant && matcher.match(quant)).toEqual([{ subscriptionId: 2, matched: ["quant*"] }]);
  });
});
