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
      let expression = included.length === 1 ? (included[0] ?? "") : `(${included.join(" AND ")})`;
      for (const excluded of c.exclude) expression = `(${expression} NOT ${clause(excluded)})`;
      return expression;
    }
  }
}

/** The FTS5 MATCH expression for a query, or null when it has only filters. */
export function toFtsMatch(query: Query): string | null {
  return query.match === null ? null : clause(query.match);
}
