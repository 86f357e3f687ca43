import type { Statement } from "better-sqlite3";
import { toFtsMatch } from "../search/compile.js";
import type { Filter, Query } from "../search/query.js";
import type { PaperSearch, SearchHit, SearchOptions, SearchPage, TermFrequency } from "../search/repository.js";
import type { Db } from "./database.js";
import { toPaper } from "./papers.js";
import { filtersToSql, PUBLISHED_SQL } from "./search-sql.js";

/** Title counts ten times an abstract, authors and organisation twice. */
const RANK = "bm25(papers_fts, 10.0, 1.0, 2.0, 2.0)";
const CACHE_LIMIT = 64;

function recencyFilter(options: SearchOptions): Filter[] {
  if (options.sinceDays === undefined) return [];
  if (!Number.isInteger(options.sinceDays) || options.sinceDays < 0) throw new RangeError("sinceDays must be a whole number >= 0");
  const now = options.now ?? new Date();
  const date = new Date(now.getTime() - options.sinceDays * 86_400_000).toISOString().slice(0, 10);
  return [{ kind: "since", date }];
}

type SqlFilters = { sql: string; params: unknown[] };
type Row = Parameters<typeof toPaper>[0];
interface Ranked {
  id: number;
  bm: number;
}
interface Tiebreak {
  id: number;
  upvotes: number;
  published_on: string | null;
}

const idList = (ids: readonly number[]): string => JSON.stringify(ids);
const ID_LIST = "(SELECT value FROM json_each(?))";

/** SQL's `ORDER BY bm, upvotes DESC, published_on DESC, id` (NULL dates last), for rows already read. */
function compareRanked(a: Ranked & Tiebreak, b: Ranked & Tiebreak): number {
  if (a.bm !== b.bm) return a.bm - b.bm;
  if (a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
  if (a.published_on !== b.published_on) {
    if (a.published_on === null) return 1;
    if (b.published_on === null) return -1;
    return a.published_on < b.published_on ? 1 : -1;
  }
  return a.id - b.id;
}

/** Full-text search over the FTS5 index of papers; statements prepared once per SQL shape. */
export class SqliteSearch implements PaperSearch {
  /** Keyed by SQL text, which only varies with the filter shape. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Count and page are read in one transaction so `total` describes the same snapshot as the
   * page; the count reads the index alone (no paper rows), and only the page's papers are read whole.
   */
  page(query: Query, options: SearchOptions): SearchPage {
    const { limit, offset } = options;
    if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) {
      throw new RangeError("limit and offset must be whole numbers >= 0");
    }
    const filters = filtersToSql([...query.filters, ...recencyFilter(options)]);
    if (options.seenSince !== undefined) {
      filters.sql += " AND p.last_seen_at >= ?";
      filters.params.push(options.seenSince);
    }
    const match = toFtsMatch(query);
    const read = this.db.transaction(() =>
      match === null ? this.listingPage(filters, limit, offset) : this.rankedPage(match, filters, limit, offset),
    );
    return read();
  }

  /** Full rows of the page, in the page's order (the only rows a search reads whole). */
  private pageRows(ranked: readonly Ranked[]): SearchHit[] {
    const rows = this.prepared(`SELECT * FROM papers WHERE id IN ${ID_LIST}`).all(idList(ranked.map((r) => r.id))) as Row[];
    const found = new Map(rows.map((row) => [row.id, row]));
    return ranked.flatMap((r) => {
      const row = found.get(r.id);
      return row === undefined ? [] : [{ paper: toPaper(row), score: Math.max(0, -r.bm) }];
    });
  }

  /**
   * A ranked page. Without filters: the best `offset + limit + 1` ids by score alone, straight
   * from the index; when the last of them scores worse than the page's last, every paper that could
   * be on the page is among them, so only they are ordered by the tie-breakers and only the page is
   * read whole. Ties across the page's end (rare) order every match by the full key instead.
   */
  private rankedPage(match: string, filters: SqlFilters, limit: number, offset: number): SearchPage {
    const joined = `FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid WHERE papers_fts MATCH ? AND ${filters.sql}`;
    if (filters.sql !== "1") return this.filteredPage(joined, [match, ...filters.params], limit, offset);
    const from = "FROM papers_fts WHERE papers_fts MATCH ?";
    const total = (this.prepared(`SELECT count(*) AS n ${from}`).get(match) as { n: number }).n;
    if (limit === 0 || offset >= total) return { total, results: [] };
    const want = offset + limit;
    const top = this.prepared(`SELECT rowid AS id, ${RANK} AS bm ${from} ORDER BY bm LIMIT ?`).all(match, want + 1) as Ranked[];
    const last = top[want - 1];
    const next = top[want];
    if (last !== undefined && next !== undefined && next.bm === last.bm) {
      const page = this.prepared(`SELECT p.id, ${RANK} AS bm ${joined}
        ORDER BY bm, p.upvotes DESC, p.published_on DESC, p.id LIMIT ? OFFSET ?`).all(match, limit, offset) as Ranked[];
      return { total, results: this.pageRows(page) };
    }
    const scores = new Map(top.slice(0, want).map((r) => [r.id, r.bm]));
    const keys = this.prepared(`SELECT id, upvotes, published_on FROM papers WHERE id IN ${ID_LIST}`).all(idList([...scores.keys()])) as Tiebreak[];
    const ordered = keys.map((k) => ({ ...k, bm: scores.get(k.id) ?? 0 })).sort(compareRanked);
    return { total, results: this.pageRows(ordered.slice(offset, want)) };
  }

  /**
   * With filters every match is checked against its paper row, the costly part. That row also
   * holds the tie-breakers, so one pass checks each match once and yields both the count (a window
   * over every match) and the page in its full order; no second pass, whatever the ties.
   */
  private filteredPage(joined: string, params: unknown[], limit: number, offset: number): SearchPage {
    const want = offset + limit;
    const rows = this.prepared(`SELECT id, bm, count(*) OVER () AS total FROM (
        SELECT p.id AS id, ${RANK} AS bm, p.upvotes AS upvotes, p.published_on AS published_on ${joined})
      ORDER BY bm, upvotes DESC, published_on DESC, id LIMIT ?`).all(...params, Math.max(want, 1)) as (Ranked & { total: number })[];
    const total = rows[0]?.total ?? 0;
    return { total, results: limit === 0 ? [] : this.pageRows(rows.slice(offset, want)) };
  }

  /** A filter-only listing, newest first: ids from the listing index, then the page's rows. */
  private listingPage(filters: SqlFilters, limit: number, offset: number): SearchPage {
    const total = (this.prepared(`SELECT count(*) AS n FROM papers p WHERE ${filters.sql}`).get(...filters.params) as { n: number }).n;
    if (limit === 0 || offset >= total) return { total, results: [] };
    const page = this.prepared(`SELECT p.id, 0.0 AS bm FROM papers p WHERE ${filters.sql}
      ORDER BY ${PUBLISHED_SQL} DESC, p.upvotes DESC, p.id DESC LIMIT ? OFFSET ?`).all(...filters.params, limit, offset) as Ranked[];
    return { total, results: this.pageRows(page) };
  }

  termFrequencies(): TermFrequency {
    const db = this.db;
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperbot_terms USING fts5vocab(main, papers_fts, row)");
    const papers = (db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n;
    const counts = new Map<string, number>();
    for (const row of db.prepare("SELECT term, doc FROM temp.paperbot_terms").iterate() as Iterable<{ term: string; doc: number }>) {
      counts.set(row.term, row.doc);
    }
    return (stem) => ((counts.get(stem) ?? 0) + 0.5) / (papers + 1);
  }
}
