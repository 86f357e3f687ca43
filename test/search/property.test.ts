import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  documentOf,
  matchDocument,
  parseQuery,
  SubscriptionMatcher,
  toFtsMatch,
  type PaperDocument,
  type Subscription,
  type SubscriptionMatch,
} from "../../src/search/index.js";
import type { Paper } from "../../src/domain/paper.js";
import { addSamplePapers } from "./samples.js";
import { openTestStore, type TestStore } from "./store.js";

let store: TestStore;
let papers: { paper: Paper; doc: PaperDocument }[];
let before: Record<string, number>;

beforeAll(() => {
  store = openTestStore();
  papers = addSamplePapers(store).map((paper) => ({ paper, doc: documentOf(paper) }));
  before = store.counts();
});
afterAll(() => store.db.close());

/** Pieces that stress both our grammar and FTS5's: operators, quotes, columns, punctuation, control and wide characters. */
const PIECES = [
  " ", " ", " ", "  ", '"', '"', "(", ")", "-", "*", ":", "^", "{", "}", "+", "'", ";", "=", ",", ".", "|", "\\",
  "OR", "AND", "NOT", "NEAR", "or", "title:", "author:", "org:", "abstract:", "since:", "upvotes:", ">=", "<", "foo:",
  "2024-05-01", "10", "rowid", "papers_fts", "DROP", "--", "/*", "\u0000", "\u0007", "\t", "\n", "é", "ß", "İ", "😀", "\ud800",
  "matrix", "sparse", "attention", "block", "quant", "vector", "graphics", "transformers", "llm", "memory", "gpu", "efficient",
];

const queryText = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(""));
const SETTINGS = { seed: 20240501, numRuns: 1500 };

function ftsAccepts(match: string): void {
  store.db.prepare("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?").get(match);
}

describe("parseQuery on arbitrary input", () => {
  it("GIVEN random strings of operators, quotes and words THEN it never throws and every accepted query runs in FTS5", () => {
    fc.assert(
      fc.property(queryText, (text) => {
        const parsed = parseQuery(text);
        if (!parsed.ok) {
          expect(parsed.error.column).toBeGreaterThanOrEqual(1);
          expect(parsed.error.column).toBeLessThanOrEqual(Math.max(1, text.length + 1));
          return;
        }
        const match = toFtsMatch(parsed.query);
        if (match !== null) ftsAccepts(match);
        store.search.page(parsed.query, { limit: 3, offset: 0 });
      }),
      SETTINGS,
    );
    expect(store.counts()).toEqual(before);
  });

  it("GIVEN random full-Unicode strings THEN it never throws and accepted queries compile to valid FTS5", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const parsed = parseQuery(text);
        const match = parsed.ok ? toFtsMatch(parsed.query) : null;
        if (match !== null) ftsAccepts(match);
      }),
      SETTINGS,
    );
  });

  it("GIVEN random accepted queries THEN the JS evaluation picks exactly the papers FTS5 returns", () => {
    let compared = 0;
    let nonEmpty = 0;
    fc.assert(
      fc.property(queryText, (text) => {
        const parsed = parseQuery(text);
        if (!parsed.ok) return;
        const sql = store.search.page(parsed.query, { limit: 1000, offset: 0 }).results.map((h) => h.paper.id);
        const js = papers.filter(({ doc }) => matchDocument(parsed.query, doc) !== null).map(({ paper }) => paper.id);
        expect(js).toEqual(sql.sort((a, b) => a - b));
        compared += 1;
        if (sql.length > 0) nonEmpty += 1;
      }),
      SETTINGS,
    );
    expect(compared).toBeGreaterThan(200);
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it("GIVEN many random queries as subscriptions of one matcher THEN its pairs equal the SQL pairs", () => {
    const subscriptions: Subscription[] = [];
    for (const text of fc.sample(queryText, { seed: 7, numRuns: 3000 })) {
      const parsed = parseQuery(text);
      if (parsed.ok) subscriptions.push({ id: subscriptions.length + 1, query: parsed.query });
    }
    expect(subscriptions.length).toBeGreaterThan(500);
    const expected = subscriptions.flatMap(({ id, query }) =>
      store.search.page(query, { limit: 1000, offset: 0 }).results.map((h) => `${id}:${h.paper.id}`),
    );
    const matcher = new SubscriptionMatcher(subscriptions);
    const actual = papers.flatMap(({ paper, doc }) => matcher.matchDocument(doc).map((m) => `${m.subscriptionId}:${paper.id}`));
    expect(actual.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(1000);

    const together = matcher.matchDocuments(papers.map(({ doc }) => doc)).byPaper(papers.length);
    const batched = papers.flatMap(({ paper }, i) => (together[i] ?? []).map((m) => `${m.subscriptionId}:${paper.id}`));
    expect(batched.sort()).toEqual(expected.sort());
    papers.forEach(({ doc }, i) => {
      const byId = (list: readonly SubscriptionMatch[]): SubscriptionMatch[] => [...list].sort((x, y) => x.subscriptionId - y.subscriptionId);
      expect(byId(together[i] ?? [])).toEqual(byId(matcher.matchDocument(doc)));
    });
  });
});
