import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuery, searchText, toFtsMatch } from "../../src/search/index.js";
import { openTestStore, type TestStore } from "./store.js";

let store: TestStore;
let before: Record<string, number>;

beforeAll(() => {
  store = openTestStore();
  store.add({ title: "Drop table papers considered harmful", abstract: "A near miss with 1 = 1 and title x." });
  store.add({ title: "Vector graphics", abstract: "Scalable vector graphics." });
  before = store.counts();
});
afterAll(() => store.db.close());

function storeIsIntact(): void {
  expect(store.counts()).toEqual(before);
  expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(() => store.db.exec("INSERT INTO papers_fts(papers_fts) VALUES ('integrity-check')")).not.toThrow();
}

/** Each hostile input reads either as literal words (never as syntax) or as an error pointing at it. */
const CASES: { text: string; fts?: string; error?: { message: string; column: number } }[] = [
  { text: "title:x) OR 1=1 --", error: { message: 'unbalanced ")" at column 8: remove it or add a "(" before it', column: 8 } },
  { text: "NEAR(a b)", fts: '("near" AND ("a" AND "b"))' },
  { text: '"a" * ^b', fts: '("a" AND "b")' },
  { text: "{title}: x", fts: '("title" AND "x")' },
  { text: "'; DROP TABLE papers; --", fts: '("drop" AND "table" AND "papers")' },
  { text: "x'); DELETE FROM papers; --", error: { message: 'unbalanced ")" at column 3: remove it or add a "(" before it', column: 3 } },
  { text: 'a" OR "1"="1', fts: '("a" AND "or" AND "1" AND "1")' },
  { text: 'a" OR "1"="1"', error: { message: "unbalanced quote at column 13: close it or remove it", column: 13 } },
  { text: "papers_fts MATCH '*'", fts: '("papers fts" AND "match")' },
  { text: "title : x", fts: '("title" AND "x")' },
  { text: "* OR x", error: { message: '"OR" needs a term on both sides', column: 3 } },
  { text: "\u0000\u0001 graphics \u0000", fts: '"graphics"' },
  { text: "a\u0000 OR\u0000b", fts: '("a" OR "b")' },
  { text: "vector+graphics", fts: '"vector graphics"' },
  { text: "^vector", fts: '"vector"' },
  { text: "NOT NOT x", error: { message: "add at least one term to search for", column: 9 } },
  { text: "x NOT", error: { message: '"NOT" needs a term after it', column: 3 } },
];

describe("hostile queries", () => {
  for (const { text, fts, error } of CASES) {
    it(`GIVEN ${JSON.stringify(text)} THEN it ${fts === undefined ? "is refused at its column" : "reads as literal words"} and the store is unchanged`, () => {
      const parsed = parseQuery(text);
      if (error !== undefined) {
        expect(parsed.ok).toBe(false);
        expect(parsed.ok ? null : { message: parsed.error.message, column: parsed.error.column }).toEqual(error);
      } else {
        expect(parsed.ok && toFtsMatch(parsed.query)).toBe(fts);
      }
      expect(() => searchText(store.search, text, { limit: 10, offset: 0 })).not.toThrow();
      storeIsIntact();
    });
  }

  it("GIVEN the SQL-looking words THEN they are searched as text", () => {
    const outcome = searchText(store.search, "'; DROP TABLE papers; --", { limit: 10, offset: 0 });
    expect(outcome.ok && outcome.results.map((h) => h.paper.title)).toEqual(["Drop table papers considered harmful"]);
    storeIsIntact();
  });

  it("GIVEN a 5,000-character query THEN it is refused quickly and touches nothing", () => {
    const started = performance.now();
    const outcome = searchText(store.search, "(".repeat(2500) + '"'.repeat(2500), { limit: 10, offset: 0 });
    expect(performance.now() - started).toBeLessThan(50);
    expect(outcome).toEqual({ ok: false, error: { message: "query too long (max 500 characters)", column: 501 } });
    storeIsIntact();
  });
});
