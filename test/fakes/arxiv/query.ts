/**
 * The part of arXiv's search_query language the fetcher uses: clauses joined by AND, each a
 * category (`cat:cs.LG`), a parenthesised OR of categories, or `submittedDate:[YYYYMMDDHHMM TO
 * YYYYMMDDHHMM]` (inclusive, GMT).
 */
export interface ArxivQuery {
  /** Each inner list is an OR of categories; all lists must match. */
  categories: string[][];
  submitted: { from: string; to: string } | null;
}

const DATE_RANGE = /^submittedDate:\[(\d{12}) TO (\d{12})\]$/u;

/** The parsed query, or the message arXiv's error feed would carry. */
export function parseSearchQuery(text: string): ArxivQuery | string {
  const query: ArxivQuery = { categories: [], submitted: null };
  if (text.trim() === "") return "search_query is empty";
  for (const raw of text.split(/\s+AND\s+/u)) {
    const clause = raw.trim().replace(/^\((.*)\)$/u, "$1").trim();
    const range = DATE_RANGE.exec(clause);
    if (range !== null) {
      query.submitted = { from: range[1] ?? "", to: range[2] ?? "" };
      continue;
    }
    const cats = clause.split(/\s+OR\s+/u).map((c) => /^cat:([\w.-]+)$/u.exec(c.trim())?.[1]);
    if (cats.some((c) => c === undefined)) return `incorrect search_query clause: ${raw}`;
    query.categories.push(cats as string[]);
  }
  return query;
}

function stamp(iso: string): string {
  return iso.slice(0, 16).replace(/[-T:]/gu, "");
}

export function matchesQuery(query: ArxivQuery, categories: readonly string[], submitted: string): boolean {
  if (!query.categories.every((any) => any.some((c) => categories.includes(c)))) return false;
  if (query.submitted === null) return true;
  const at = stamp(submitted);
  return at >= query.submitted.from && at <= query.submitted.to;
}
