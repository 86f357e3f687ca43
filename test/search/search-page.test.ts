import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuery, toFtsMatch, type Query } from "../../src/search/index.js";
import { filtersToSql, PUBLISHED_SQL } from "../../src/store/search-sql.js";
import { openTestStore, type TestStore } from "./store.js";

/*
 * The page query reads ids by score first and whole rows only for the page; these hold it to the
 * plain SQL that sorts every match by the full key, on a store full of exact score ties (identical
 * texts) where the shortcut must fall back, and of distinct scores where it must not need to.
 */

let store: TestStore;
const WORDS = ["graph", "neural", "quantum", "vision", "speech", "robot"];

beforeAll(() => {
  store = openTestStore();
  for (let i = 0; i < 240; i += 1) {
    const a = WORDS[i % WORDS.length] ?? "graph";
    const b = WORDS[(i * 7) % 5] ?? "neural";
    // Every fourth paper repeats a text exactly (ties); the others vary in length (distinct scores).
    const filler = i % 4 === 0 ? "" : " and more".repeat(i % 13);
    store.add({
      title: `${a} ${b} study`,
      abstract: `A ${a} method for ${b} tasks${filler}.`,
      upvotes: (i * 37) % 9,
      publishedOn: i % 5 === 0 ? null : `2024-0${1 + (i % 9)}-1${i % 10}`,
      firstSeenAt: `2024-0${1 + (i % 7)}-0${1 + (i % 9)}T00:00:00Z`,
    });
  }
});
afterAll(() => store.db.close());

function parsed(text: string): Query {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.query;
}

/** Every match sorted by the full key in one statement: what the page must equal. */
function reference(query: Query, limit: number, offset: number): { total: number; ids: number[] } {
  const filters = filtersToSql(query.filters);
  const match = toFtsMatch(query);
  if (match === null) {
    const rows = store.db
      .prepare(`SELECT p.id FROM papers p WHERE ${filters.sql} ORDER BY ${PUBLISHED_SQL} DESC, p.upvotes DESC, p.id DESC`)
      .all(...filters.params) as { id: number }[];
    return { total: rows.length, ids: rows.slice(offset, offset + limit).map((r) => r.id) };
  }
  const rows = store.db
    .prepare(`SELECT p.id FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
      WHERE papers_fts MATCH ? AND ${filters.sql}
      ORDER BY bm25(papers_fts, 10.0, 1.0, 2.0, 2.0), p.upvotes DESC, p.published_on DESC, p.id`)
    .all(match, ...filters.params) as { id: number }[];
  return { total: rows.length, ids: rows.slice(offset, offset + limit).map((r) => r.id) };
}

const QUERIES = ["graph", "neural OR speech", "vision -robot", "title:quantum", "qua*", "graph upvotes:>=4", "upvotes:>=3", "since:2024-05-01", '"graph neural"'];

describe("the search page query", () => {
  it("GIVEN ties and distinct scores, any page THEN ids, order and total equal a full sort of every match", () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUERIES), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 90 }), (text, limit, offset) => {
        const query = parsed(text);
        const page = store.search.page(query, { limit, offset });
        const expected = reference(query, limit, offset);
        expect(page.total).toBe(expected.total);
        expect(page.results.map((hit) => hit.paper.id)).toEqual(expected.ids);
      }),
      { numRuns: 300 },
    );
  });

  it("GIVEN a page THEN every result carries its whole paper row", () => {
    const page = store.search.page(parsed("graph"), { limit: 5, offset: 3 });
    expect(page.results).toHaveLength(5);
    for (const hit of page.results) {
      expect(hit.paper.title).toMatch(/graph/);
      expect(hit.paper.abstract.length).toBeGreaterThan(0);
      expect(hit.score).toBeGreaterThan(0);
    }
  });
});
