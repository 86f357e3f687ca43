import type { Paper } from "../store/papers.js";
import { documentOf, type ColumnTerms, type PaperDocument } from "./document.js";
import { FIELD_COLUMNS, type Clause, type Filter, type Query, type Term } from "./query.js";

/*
 * A query checked against one paper in JavaScript with FTS5's semantics: a phrase is consecutive
 * terms inside one column, a prefix matches the start of a stored (stemmed) term, a field limits
 * the columns, NOT removes. The agreement tests hold this to the SQL search on the sample papers.
 */

function phraseAt(column: ColumnTerms, term: Term, start: number): boolean {
  const { stems } = term;
  const last = stems.length - 1;
  for (let i = 1; i <= last; i += 1) {
    const stored = column.terms[start + i];
    const wanted = stems[i] ?? "";
    if (stored === undefined) return false;
    const same = i === last && term.prefix ? stored.startsWith(wanted) : stored === wanted;
    if (!same) return false;
  }
  return true;
}

function inColumn(column: ColumnTerms, term: Term): boolean {
  const first = term.stems[0] ?? "";
  if (term.stems.length === 1) {
    if (!term.prefix) return column.positions.has(first);
    for (const stored of column.positions.keys()) if (stored.startsWith(first)) return true;
    return false;
  }
  const starts = column.positions.get(first);
  return starts !== undefined && starts.some((start) => phraseAt(column, term, start));
}

export function termMatches(term: Term, doc: PaperDocument): boolean {
  if (term.field !== null) {
    const column = doc.columns[FIELD_COLUMNS[term.field].index];
    return column !== undefined && inColumn(column, term);
  }
  return doc.columns.some((column) => inColumn(column, term));
}

export function clauseMatches(clause: Clause, doc: PaperDocument): boolean {
  switch (clause.kind) {
    case "term":
      return termMatches(clause, doc);
    case "any":
      return clause.options.some((option) => clauseMatches(option, doc));
    case "all":
      return (
        clause.include.every((c) => clauseMatches(c, doc)) && !clause.exclude.some((c) => clauseMatches(c, doc))
      );
  }
}

export function filtersPass(filters: readonly Filter[], doc: PaperDocument): boolean {
  for (const filter of filters) {
    if (filter.kind === "since") {
      if (doc.publishedOn === null || doc.publishedOn < filter.date) return false;
      continue;
    }
    const { upvotes } = doc;
    const ok =
      filter.op === ">=" ? upvotes >= filter.value
      : filter.op === ">" ? upvotes > filter.value
      : filter.op === "<=" ? upvotes <= filter.value
      : filter.op === "<" ? upvotes < filter.value
      : upvotes === filter.value;
    if (!ok) return false;
  }
  return true;
}

/** The surface forms of the positive terms that matched, from satisfied branches only. */
function collect(clause: Clause, doc: PaperDocument, into: string[]): void {
  switch (clause.kind) {
    case "term":
      if (termMatches(clause, doc) && !into.includes(clause.text)) into.push(clause.text);
      return;
    case "any":
      for (const option of clause.options) if (clauseMatches(option, doc)) collect(option, doc, into);
      return;
    case "all":
      for (const c of clause.include) collect(c, doc, into);
  }
}

/** Matched terms when the query matches the prepared paper, else null; [] for a filters-only match. */
export function matchDocument(query: Query, doc: PaperDocument): string[] | null {
  if (!filtersPass(query.filters, doc)) return null;
  if (query.match === null) return [];
  if (!clauseMatches(query.match, doc)) return null;
  const matched: string[] = [];
  collect(query.match, doc, matched);
  return matched;
}

/** Whether one paper matches a query (as the SQL search would find it), with the terms that matched. */
export function matchesQuery(query: Query, paper: Paper): string[] | null {
  return matchDocument(query, documentOf(paper));
}
