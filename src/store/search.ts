import type { Statement } from "better-sqlite3";
import { toFtsMatch } from "../search/compile.js";
import type { Filter, Query } from "../search/query.js";
import type { PaperSearch, SearchOptions, SearchPage, TermFrequency } from "../search/repository.js";
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
    let countSql: string;
    let pageSql: string;
    let params: unknown[];
    if (match === null) {
      countSql = `SELECT count(*) AS n FROM papers p WHERE ${filters.sql}`;
      pageSql = `SELECT p.*, 0.0 AS bm FROM papers p WHERE ${filters.sql}
        ORDER BY ${PUBLISHED_SQL} DESC, p.upvotes DESC, p.id DESC LIMIT ? OFFSET ?`;
      params = filters.params;
    } else {
      const from = `FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid WHERE papers_fts MATCH ? AND ${filters.sql}`;
      countSql = `SELECT count(*) AS n ${from}`;
      pageSql = `SELECT p.*, ${RANK} AS bm ${from}
        ORDER BY bm, p.upvotes DESC, p.published_on DESC, p.id LIMIT ? OFFSET ?`;
      params = [match, ...filters.params];
    }
    const read = this.db.transaction(() => {
      const counted = this.prepared(countSql).get(...params) as { n: number };
      const rows = this.prepared(pageSql).all(...params, limit, offset) as (Parameters<typeof toPaper>[0] & { bm: number })[];
      return {
        total: counted.n,
        results: rows.map((row) => ({ paper: toPaper(row), score: Math.max(0, -row.bm) })),
      };
    });
    return read();
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
