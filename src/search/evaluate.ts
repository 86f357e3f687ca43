import type { PaperDocument } from "./document.js";
import { FIELD_COLUMNS, type Field, type Filter } from "./query.js";

/*
 * The pieces of FTS5's semantics the matcher re-implements in JavaScript: a phrase is consecutive
 * terms inside one column, a prefix matches the start of a stored (stemmed) term, a field limits
 * the columns; and the SQL filters, read off the paper. The agreement tests hold all of it to the
 * SQL search on the sample papers.
 */

/** Every column, as bits: 1 = title, 2 = abstract, 4 = authors, 8 = organisation. */
export const ALL_COLUMNS = 0b1111;

/** The columns a field allows, as bits: its own column, or all four. */
export function columnMask(field: Field | null): number {
  return field === null ? ALL_COLUMNS : 1 << FIELD_COLUMNS[field].index;
}

/** Whether the words start at `start` in a column's terms, the last one as a prefix when `prefix` is set. */
export function phraseAt(terms: readonly string[], stems: readonly string[], prefix: boolean, start: number): boolean {
  const last = stems.length - 1;
  for (let i = 1; i <= last; i += 1) {
    const stored = terms[start + i];
    const wanted = stems[i] ?? "";
    if (stored === undefined) return false;
    const same = i === last && prefix ? stored.startsWith(wanted) : stored === wanted;
    if (!same) return false;
  }
  return true;
}

/** Whether the paper passes every since:/upvotes: filter, as the SQL from `filtersToSql` would decide. */
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
