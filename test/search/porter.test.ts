import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { analyze, stem } from "../../src/search/analyzer.js";
import { seeded } from "../../bench/generate.js";
import { readSamplePapers } from "./samples.js";

const PORTER = "porter unicode61 remove_diacritics 2";

/** A table with the store's tokenizer and an fts5vocab view of the terms it stored. */
function portered(texts: readonly string[]): Map<number, string[]> {
  const db = new Database(":memory:");
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '${PORTER}');
    CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  const insert = db.prepare("INSERT INTO t (rowid, x) VALUES (?, ?)");
  db.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))();
  const byDoc = new Map<number, string[]>();
  for (const row of db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM v ORDER BY doc, "offset"').all()) {
    const list = byDoc.get(row.doc) ?? [];
    list.push(row.term);
    byDoc.set(row.doc, list);
  }
  db.close();
  return byDoc;
}


const SUFFIXES = `s sses ies ss eed ed ing ated bled ized ational tional enci anci izer logi bli alli entli eli
  ousli ization ation ator alism iveness fulness ousness aliti iviti biliti ical ness icate iciti ful ative alize
  al ance ence er ic able ible ant ement ment ent sion tion ou ism ate iti ous ive ize e ll y ying hopping filing`.split(/\s+/);

describe("the JS porter stemmer", () => {
  it("GIVEN every word of the sample papers THEN its JS stem is the term FTS5 stored", () => {
    const papers = readSamplePapers();
    expect(papers.length).toBeGreaterThan(50);
    const texts = papers.flatMap((p) => [p.title, p.abstract, p.organization ?? ""]);
    const stored = portered(texts);
    let words = 0;
    texts.forEach((text, i) => {
      const expected = stored.get(i + 1) ?? [];
      expect(analyze(text)).toEqual(expected);
      words += expected.length;
    });
    expect(words).toBeGreaterThan(20_000);
  });

  it("GIVEN generated words ending in every porter suffix THEN JS stems equal FTS5's", () => {
    const random = seeded(7);
    const letters = "abcdefghijklmnopqrstuvwxyzaeiouy";
    const words: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      let base = "";
      const length = 1 + Math.floor(random() * 7);
      for (let j = 0; j < length; j += 1) base += letters[Math.floor(random() * letters.length)];
      words.push(base + (SUFFIXES[Math.floor(random() * SUFFIXES.length)] ?? ""));
    }
    words.push("é".repeat(40), "ÿes", "naïvety", "x".repeat(70) + "ing", "ééing", "ထed", "ထထing");
    const stored = portered(words);
    const mismatches = words.filter((w, i) => JSON.stringify(analyze(w)) !== JSON.stringify(stored.get(i + 1) ?? []));
    expect(mismatches).toEqual([]);
  });

  it("GIVEN plural and inflected forms THEN they share a stem", () => {
    expect(stem("transformers")).toBe(stem("transformer"));
    expect(stem("quantization")).toBe(stem("quantized"));
    expect(analyze("Transformers")).toEqual(["transform"]);
  });
});
