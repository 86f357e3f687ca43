import type { Paper } from "../domain/paper.js";
import { indexText } from "./index-text.js";
import { analyze } from "./analyzer.js";

/** One indexed column: its stemmed terms in order, as FTS5 stores them (repeats and all, for phrases). */
export interface ColumnTerms {
  readonly terms: readonly string[];
}

/**
 * A paper as FTS5 sees it, built once per paper so that thousands of subscriptions can be checked
 * against it without tokenizing again: the four `papers_fts` columns (title, abstract, authors as
 * the stored JSON text, organisation) plus the columns the filters read.
 */
export interface PaperDocument {
  readonly columns: readonly ColumnTerms[];
  /** Published date, else the day first seen (as the SQL filters read it). */
  readonly publishedOn: string | null;
  readonly upvotes: number;
}

function column(text: string): ColumnTerms {
  return { terms: analyze(indexText(text)) };
}

/** The text of each FTS column as the insert trigger reads it (the trigger then hands FTS5 its `indexText`). */
export function columnTexts(paper: Paper): [string, string, string, string] {
  return [paper.title, paper.abstract, JSON.stringify(paper.authors), paper.organization ?? ""];
}

export function documentOf(paper: Paper): PaperDocument {
  const columns = columnTexts(paper).map(column);
  const publishedOn = paper.publishedOn ?? (paper.firstSeenAt === "" ? null : paper.firstSeenAt.slice(0, 10));
  return { columns, publishedOn, upvotes: paper.upvotes };
}
