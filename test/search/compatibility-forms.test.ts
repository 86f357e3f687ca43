/** Compatibility forms (fullwidth letters, ligatures, circled digits) are the words they stand for, in the index and in queries. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { documentOf, matchDocument, parseQuery, type Query } from "../../src/search/index.js";
import { openDatabase } from "../../src/store/database.js";
import { indexText } from "../../src/search/index-text.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { openTestStore, type TestStore } from "./store.js";

let store: TestStore | undefined;
afterEach(() => store?.db.close());

function query(text: string): Query {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.query;
}

function titles(s: TestStore, text: string): string[] {
  return s.search.page(query(text), { limit: 20, offset: 0 }).results.map((hit) => hit.paper.title);
}

describe("NFKC in search", () => {
  it("GIVEN plain titles THEN a fullwidth or ligature query finds them, and the matcher agrees", () => {
    store = openTestStore();
    const attention = store.add({ title: "Attention Is All You Need", abstract: "Transformers without recurrence." });
    const finetuning = store.add({ title: "Cheap Finetuning of Large Models", abstract: "Low-rank adapters." });
    expect(titles(store, "ａｔｔｅｎｔｉｏｎ")).toEqual(["Attention Is All You Need"]);
    expect(titles(store, "ﬁnetuning")).toEqual(["Cheap Finetuning of Large Models"]);
    expect(titles(store, "title:ＡＴＴＥＮＴＩＯＮ")).toEqual(["Attention Is All You Need"]);
    expect(matchDocument(query("ａｔｔｅｎｔｉｏｎ"), documentOf(attention))).not.toBeNull();
    expect(matchDocument(query("ﬁnetuning"), documentOf(finetuning))).not.toBeNull();
  });

  it("GIVEN titles written with ligatures and fullwidth letters THEN plain queries find them, and the matcher agrees", () => {
    store = openTestStore();
    const paper = store.add({ title: "Eﬃcient ﬁnetuning for ＬＬＭｓ", abstract: "Circled ① step." });
    expect(titles(store, "efficient finetuning llms")).toEqual(["Eﬃcient ﬁnetuning for ＬＬＭｓ"]);
    expect(titles(store, "abstract:1")).toEqual(["Eﬃcient ﬁnetuning for ＬＬＭｓ"]);
    expect(matchDocument(query("efficient finetuning llms"), documentOf(paper))).not.toBeNull();
  });

  it("GIVEN random text in a stored paper THEN the matcher's terms are exactly the terms FTS5 indexed for it", () => {
    store = openTestStore();
    const s = store;
    s.db.exec("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, papers_fts, instance)");
    const indexed = s.db.prepare<[number], { term: string }>("SELECT term FROM temp.terms WHERE doc = ? AND col = 'title' ORDER BY offset");
    const pieces = fc.constantFrom("ﬁne", "ＡＢＣ", "①②", "Ⅻ", "ﬀ", "㎒", "x²", "é", "naïve", " ", "-", "word", "ǅ", "ß", "日本");
    fc.assert(
      fc.property(fc.oneof(fc.array(pieces, { maxLength: 12 }).map((p) => p.join("")), fc.string({ unit: "grapheme", maxLength: 40 })), (title) => {
        const paper = s.add({ title });
        expect(documentOf(paper).columns[0]?.terms).toEqual(indexed.all(paper.id).map((row) => row.term));
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it("GIVEN a store indexed before normalisation THEN the migration re-indexes it and fullwidth text is found", () => {
    const path = join(mkdtempSync(join(tmpdir(), "paperbot-nfkc-")), "old.db");
    const old = new Database(path);
    const before = MIGRATIONS.findIndex((sql) => sql.includes("papers_index_text"));
    expect(before).toBeGreaterThan(0);
    for (const sql of MIGRATIONS.slice(0, before)) old.exec(sql);
    old.pragma(`user_version = ${before}`);
    old.exec(`INSERT INTO dumps (content_hash, path, status, ingested_at) VALUES ('old', 'old.txt', 'ingested', '2024-06-01');
      INSERT INTO papers (key, title, abstract, authors, tldr, first_dump_id, first_seen_at, last_seen_at)
      VALUES ('title:x', 'ＳＰＡＲＳＥ ﬁlters', 'An abstract.', '[]', '', 1, '2024-06-01', '2024-06-01')`);
    old.close();
    store = openTestStore(openDatabase(path));
    expect(titles(store, "sparse filters")).toEqual(["ＳＰＡＲＳＥ ﬁlters"]);
    expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(() => store?.db.exec("INSERT INTO papers_fts(papers_fts) VALUES ('integrity-check')")).not.toThrow();
  });

  it("GIVEN plain ASCII THEN the index text is the text itself (no work, nothing changed)", () => {
    expect(indexText("Attention Is All You Need")).toBe("Attention Is All You Need");
    expect(indexText("ａｔｔｅｎｔｉｏｎ ﬁne")).toBe("attention fine");
  });
});
