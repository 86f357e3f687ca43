import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OPTIMIZE_AFTER_PAPERS } from "../../src/store/database.js";
import { openStore, type Store } from "../../src/store/index.js";
import { connectionOf } from "../../src/store/sqlite.js";
import { openTestStore } from "../search/store.js";

let store: Store;
let dir: string;
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A store whose search index holds several segments: one per transaction that added papers. */
function segmentedStore(): Store {
  dir = mkdtempSync(join(tmpdir(), "paperbot-bulk-"));
  store = openStore(join(dir, "p.db"));
  const papers = openTestStore(connectionOf(store));
  for (let t = 0; t < 6; t += 1) {
    store.transaction(() => {
      for (let i = 0; i < 5; i += 1) papers.add({ title: `Graph kernels ${t}-${i}`, abstract: `Sparse lattice number ${t * 5 + i} for proteins.` });
    });
  }
  return store;
}

const indexRows = (s: Store): number => (connectionOf(s).prepare("SELECT count(*) AS n FROM papers_fts_data").get() as { n: number }).n;
const automerge = (s: Store): number | undefined =>
  (connectionOf(s).prepare("SELECT v FROM papers_fts_config WHERE k = 'automerge'").get() as { v: number } | undefined)?.v;
const pragma = (s: Store, name: string): unknown => connectionOf(s).pragma(name, { simple: true });

describe("a backfill's bulk load", () => {
  it("GIVEN a backfill THEN its cache, checkpoint and index-merge settings apply until finish and the usual ones are restored", () => {
    const s = segmentedStore();
    const before = [pragma(s, "cache_size"), pragma(s, "temp_store"), pragma(s, "wal_autocheckpoint")];
    const bulk = s.beginBulkLoad();
    expect(pragma(s, "cache_size")).not.toEqual(before[0]);
    expect(pragma(s, "temp_store")).toBe(2);
    expect(pragma(s, "wal_autocheckpoint")).toBeGreaterThan(before[2] as number);
    expect(automerge(s)).toBe(8);
    bulk.finish(0);
    expect([pragma(s, "cache_size"), pragma(s, "temp_store"), pragma(s, "wal_autocheckpoint")]).toEqual(before);
    expect(automerge(s)).toBe(4);
  });

  it("GIVEN a large backfill THEN the search index is merged and still finds every paper", () => {
    const s = segmentedStore();
    const rows = indexRows(s);
    s.beginBulkLoad().finish(OPTIMIZE_AFTER_PAPERS);
    expect(indexRows(s)).toBeLessThan(rows);
    const found = connectionOf(s).prepare("SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH 'lattice'").get() as { n: number };
    expect(found.n).toBe(30);
  });

  it("GIVEN a small backfill THEN the search index is left as it was", () => {
    const s = segmentedStore();
    const rows = indexRows(s);
    s.beginBulkLoad().finish(OPTIMIZE_AFTER_PAPERS - 1);
    expect(indexRows(s)).toBe(rows);
  });
});
