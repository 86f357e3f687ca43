import type { Paper } from "../domain/paper.js";
import { PaperbotError } from "../errors.js";
import type { TermFrequency } from "./anchors.js";
import { parseBoundedQuery } from "./cost.js";
import type { Query, QueryError } from "./query.js";

export type { TermFrequency } from "./anchors.js";

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

/**
 * What searching needs from a paper history; the store implements it (FTS5 on SQLite).
 * `page` ranks by relevance with the title weighted, ties broken by upvotes, then the newer paper,
 * then id; filter-only queries list newest first. `total` describes the same snapshot as the page.
 * `termFrequencies` gives each stemmed term's share of papers, so the subscription matcher can
 * anchor each subscription on its rarest term.
 */
export interface PaperSearch {
  page(query: Query, options: SearchOptions): SearchPage;
  termFrequencies(): TermFrequency;
}

export type SearchOutcome = ({ ok: true; query: Query } & SearchPage) | { ok: false; error: QueryError };

/** Parses then searches: the results, or the friendly error to show the person who typed it. */
export function searchText(search: PaperSearch, text: string, options: SearchOptions): SearchOutcome {
  const parsed = parseBoundedQuery(text);
  if (!parsed.ok) return parsed;
  return { ok: true, query: parsed.query, ...search.page(parsed.query, options) };
}

/**
 * A query error as the coded error the command line reports: the message and its hint; where is
 * the column (`<subject> column N` when a subject is given, else only when the message lacks it).
 */
export function queryErrorToPaperbotError(error: QueryError, subject?: string): PaperbotError {
  const where = subject !== undefined ? `${subject} column ${error.column}` : error.message.includes("column") ? undefined : `column ${error.column}`;
  return new PaperbotError("QUERY_INVALID", error.hint === undefined ? error.message : `${error.message} (${error.hint})`, where);
}

/**
 * The one wording of a query problem for people, on every surface (chat replies, config errors):
 * `what` names the text, e.g. `Your query has a problem: unbalanced quote at column 5: close it
 * or remove it.` or `The filter has a problem: empty field "title:" (put a word after it) (column 7).`
 */
export function describeQueryError(error: QueryError, what = "Your query"): string {
  return `${what} has a problem: ${queryErrorToPaperbotError(error).describe()}.`;
}
