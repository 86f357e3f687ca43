import type { Statement } from "better-sqlite3";
import { PaperbotError } from "../errors.js";
import type { Db } from "../store/database.js";
import { toPaper, type Paper } from "../store/papers.js";
import { filtersToSql, PUBLISHED_SQL, toFtsMatch } from "./compile.js";
import { parseQuery } from "./parser.js";
import type { Filter, Query, QueryError } from "./query.js";

/** One result: the paper and how well it matched (larger is better; 0 for filter-only listings). */
export interface SearchHit {
  paper: Paper;
  score: number;
}

/** A page of results plus the size of the whole result set, so callers can offer "next page". */
export interface SearchPage {
  total: number;
  results: SearchHit[];
}

/**
 * Paging and recency for a search. `sinceDays` keeps papers published in the last N days before
 * `now` (the caller's clock, so schedules and tests agree on "today"); `seenSince` (an ISO
 * timestamp) keeps papers the dumps showed at or after that moment, e.g. to preview a subscription.
 */
export interface SearchOptions {
  limit: number;
  offset: number;
  sinceDays?: number;
  now?: Date;
  seenSince?: string;
}

export type SearchOutcome = ({ ok: true; query: Query } & SearchPage) | { ok: false; error: QueryError };

/** Title counts ten times an abstract, authors and organisation twice. */
const RANK = "bm25(papers_fts, 10.0, 1.0, 2.0, 2.0)";
const CACHE_LIMIT = 64;

/** Statements prepared once per connection, keyed by SQL text (which only varies with the filter shape). */
const statements = new WeakMap<Db, Map<string, Statement>>();

function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (cache === undefined) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

function recencyFilter(options: SearchOptions): Filter[] {
  if (options.sinceDays === undefined) return [];
  if (!Number.isInteger(options.sinceDays) || options.sinceDays < 0) throw new RangeError("sinceDays must be a whole number >= 0");
  const now = options.now ?? new Date();
  const date = new Date(now.getTime() - options.sinceDays * 86_400_000).toISOString().slice(0, 10);
  return [{ kind: "since", date }];
}

/**
 * Runs a parsed query: ranked by bm25 with the title weighted, ties broken by upvotes, then the
 * newer paper, then id; filter-only queries list newest first. Count and page are read in one
 * transaction so `total` describes the same snapshot as the page.
 */
export function searchPapers(db: Db, query: Query, options: SearchOptions): SearchPage {
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
  const read = db.transaction(() => {
    const counted = prepared(db, countSql).get(...params) as { n: number };
    const rows = prepared(db, pageSql).all(...params, limit, offset) as (Parameters<typeof toPaper>[0] & { bm: number })[];
    return { total: counted.n, results: rows.map((row) => ({ paper: toPaper(row), score: Math.max(0, -row.bm) })) };
  });
  return read();
}

/** Parses then searches: the results, or the friendly error to show the person who typed it. */
export function searchText(db: Db, text: string, options: SearchOptions): SearchOutcome {
  const parsed = parseQuery(text);
  if (!parsed.ok) return parsed;
  return { ok: true, query: parsed.query, ...searchPapers(db, parsed.query, options) };
}

/** A query error as the coded error the command line and adapters report. */
export function queryErrorToPaperbotError(error: QueryError): PaperbotError {
  const where = error.message.includes("column") ? undefined : `column ${error.column}`;
  return new PaperbotError("QUERY_INVALID", error.hint === undefined ? error.message : `${error.message} (${error.hint})`, where);
}
