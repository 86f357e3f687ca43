import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "../../src/store/database.js";
import { openDatabase } from "../../src/store/database.js";
import { toPaper } from "../../src/store/papers.js";
import type { Paper } from "../../src/domain/paper.js";
import { sqliteStore } from "../../src/store/sqlite.js";
import type { PaperSearch } from "../../src/search/index.js";

/** What a test says about a paper; everything else gets a plain default. */
export interface PaperSeed {
  title: string;
  abstract?: string;
  authors?: string[];
  organization?: string | null;
  publishedOn?: string | null;
  upvotes?: number;
  firstSeenAt?: string;
}

/** A real store in a temp file, and a way to put papers in it the way ingest does (the FTS triggers index them). */
export interface TestStore {
  db: Db;
  /** The store's full-text search over the same connection. */
  search: PaperSearch;
  add(seed: PaperSeed): Paper;
  counts(): Record<string, number>;
}

/** A TestStore over `db`, by default a new database in a temp directory. */
export function openTestStore(db: Db = openDatabase(join(mkdtempSync(join(tmpdir(), "paperbot-search-")), "t.db"))): TestStore {
  const dumpId = Number(
    db
      .prepare("INSERT INTO dumps (content_hash, path, status, ingested_at) VALUES ('h', 'test.txt', 'ingested', ?)")
      .run("2024-06-01T00:00:00Z").lastInsertRowid,
  );
  const insert = db.prepare(`INSERT INTO papers (key, title, abstract, authors, organization, published_on, upvotes,
    tldr, first_dump_id, first_seen_at, last_seen_at)
    VALUES (@key, @title, @abstract, @authors, @organization, @publishedOn, @upvotes, '', @dumpId, @seen, @seen)`);
  // The store's own insert writes the search entry; rows added by SQL here get theirs from the index view.
  const index = db.prepare(`INSERT INTO papers_fts (rowid, title, abstract, authors, organization)
    SELECT id, title, abstract, authors, organization FROM papers_index_text WHERE id = ?`);
  const byId = db.prepare("SELECT * FROM papers WHERE id = ?");
  let n = 0;
  return {
    db,
    search: sqliteStore(db).search,
    add(seed) {
      n += 1;
      const id = insert.run({
        key: `k${n}`,
        title: seed.title,
        abstract: seed.abstract ?? "",
        authors: JSON.stringify(seed.authors ?? []),
        organization: seed.organization ?? null,
        publishedOn: seed.publishedOn === undefined ? "2024-05-01" : seed.publishedOn,
        upvotes: seed.upvotes ?? 0,
        dumpId,
        seen: seed.firstSeenAt ?? "2024-06-01T00:00:00Z",
      }).lastInsertRowid;
      index.run(id);
      return toPaper(byId.get(id) as Parameters<typeof toPaper>[0]);
    },
    counts() {
      const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return { papers: count("papers"), dumps: count("dumps"), fts: count("papers_fts"), subscriptions: count("subscriptions") };
    },
  };
}
