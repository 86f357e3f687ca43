/**
 * The store writes each paper's search entry itself on insert, and rewrites it on update only when
 * the indexed text (title, abstract, authors, organization) changed: a re-sighting that only raises
 * upvotes or adds links leaves the index untouched.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { searchText } from "../../src/search/repository.js";
import { openStore, type Store } from "../../src/store/index.js";
import { connectionOf } from "../../src/store/sqlite.js";
import { AT, iso, newPaper } from "./contract.js";

let store: Store | undefined;
afterEach(() => store?.close());

function fresh(): { s: Store; dumpId: number } {
  const s = openStore(join(mkdtempSync(join(tmpdir(), "paperbot-entries-")), "p.db"));
  store = s;
  const dumpId = s.transaction(() =>
    s.dumps.begin({ contentHash: "h", path: "h.txt", format: "text", dumpDate: "2025-06-01", papers: 0, warnings: "[]", at: iso(AT) }),
  );
  return { s, dumpId };
}

const titles = (s: Store, text: string): string[] => {
  const outcome = searchText(s.search, text, { limit: 10, offset: 0 });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.results.map((hit) => hit.paper.title);
};
const indexWrites = (s: Store): number =>
  (connectionOf(s).prepare("SELECT count(*) AS n FROM papers_fts_data").get() as { n: number }).n;
const integrity = (s: Store): unknown => connectionOf(s).exec("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)");

describe("search entries", () => {
  it("GIVEN papers inserted through the store THEN each is found by its words, in compatibility forms too, and the index is consistent", () => {
    const { s, dumpId } = fresh();
    s.transaction(() => {
      s.papers.insert(newPaper(dumpId, 1, { title: "Ｓｐａｒｓｅ lattice ﬁlters", organization: "Meta AI" }));
      s.papers.insert(newPaper(dumpId, 2, { title: "Dense kernels", authors: ["Ada Lovelace"] }));
    });
    expect(titles(s, "sparse filters")).toEqual(["Ｓｐａｒｓｅ lattice ﬁlters"]);
    expect(titles(s, 'org:"Meta AI"')).toEqual(["Ｓｐａｒｓｅ lattice ﬁlters"]);
    expect(titles(s, "lovelace")).toEqual(["Dense kernels"]);
    expect(() => integrity(s)).not.toThrow();
  });

  it("GIVEN an update that changes no indexed text THEN the index is not rewritten; a new title replaces the old one's entry", () => {
    const { s, dumpId } = fresh();
    const id = s.transaction(() => s.papers.insert(newPaper(dumpId, 1, { title: "Graph kernels" })));
    const before = indexWrites(s);
    const paper = s.papers.get(id);
    if (paper === undefined) throw new Error("missing");
    s.transaction(() => s.papers.update({ ...paper, upvotes: 42, githubRepo: "https://github.com/a/b" }));
    expect(indexWrites(s)).toBe(before);
    s.transaction(() => s.papers.update({ ...paper, title: "Lattice sieves" }));
    expect(indexWrites(s)).toBeGreaterThan(before);
    expect(titles(s, "lattice")).toEqual(["Lattice sieves"]);
    expect(titles(s, "graph")).toEqual([]);
    expect(() => integrity(s)).not.toThrow();
  });
});
