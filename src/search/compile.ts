import { FIELD_COLUMNS, type Clause, type Query, type Term } from "./query.js";

/*
 * Queries to the FTS5 MATCH language. Nothing the user typed reaches it as syntax: a term is emitted
 * as a double-quoted FTS5 string of the tokens the parser already extracted, and column names come
 * from a fixed table. Filters become SQL in the store (`store/search-sql.ts`).
 */

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

function term(t: Term): string {
  const phrase = quote(t.words.join(" ")) + (t.prefix ? " *" : "");
  return t.field === null ? phrase : `{${FIELD_COLUMNS[t.field].name}} : ${phrase}`;
}

function clause(c: Clause): string {
  switch (c.kind) {
    case "term":
      return term(c);
    case "any":
      return `(${c.options.map(clause).join(" OR ")})`;
    case "all": {
      const included = c.include.map(clause);
      const expression = included.length === 1 ? (included[0] ?? "") : `(${included.join(" AND ")})`;
      if (c.exclude.length === 0) return expression;
      // One NOT over the alternatives, not one nested NOT per exclusion: the depth stays constant.
      const excluded = c.exclude.map(clause);
      return `(${expression} NOT ${excluded.length === 1 ? (excluded[0] ?? "") : `(${excluded.join(" OR ")})`})`;
    }
  }
}

/**
 * FTS5's own expression parser gives up ("parser stack overflow") somewhere past 80 nested levels
 * (measured: 80 parse, 100 do not); queries whose expression would nest deeper are refused first.
 */
export const MAX_EXPRESSION_DEPTH = 60;

/** How deeply {@link clause} nests the expression it writes for `c` (parentheses and NOTs). */
export function expressionDepth(c: Clause): number {
  switch (c.kind) {
    case "term":
      return 1;
    case "any":
      return 1 + Math.max(...c.options.map(expressionDepth));
    case "all": {
      const included = Math.max(...c.include.map(expressionDepth)) + (c.include.length === 1 ? 0 : 1);
      if (c.exclude.length === 0) return included;
      const excluded = Math.max(...c.exclude.map(expressionDepth)) + (c.exclude.length === 1 ? 0 : 1);
      return 1 + Math.max(included, excluded);
    }
  }
}

/** The FTS5 MATCH expression for a query, or null when it has only filters. */
export function toFtsMatch(query: Query): string | null {
  return query.match === null ? null : clause(query.match);
}
