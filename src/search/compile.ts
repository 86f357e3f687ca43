import { FIELD_COLUMNS, type Clause, type Comparison, type Filter, type Query, type Term } from "./query.js";

/*
 * Queries to FTS5 and SQL. Nothing the user typed reaches SQLite as syntax: a term is emitted as a
 * double-quoted FTS5 string of the tokens the parser already extracted, operators and column names
 * come from fixed tables here, and filter values travel as bound parameters.
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

/** Fixed SQL for each comparison: the operator never comes from the query text itself. */
const OPERATORS: Readonly<Record<Comparison, string>> = { ">=": ">=", ">": ">", "<=": "<=", "<": "<", "=": "=" };

/** The date a paper counts as published on: its own, else the day it was first seen. */
export const PUBLISHED_SQL = "coalesce(p.published_on, substr(p.first_seen_at, 1, 10))";

/** SQL for a set of filters over the papers table aliased `p`; `1` when there are none. */
export function filtersToSql(filters: readonly Filter[]): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const filter of filters) {
    if (filter.kind === "since") {
      parts.push(`${PUBLISHED_SQL} >= ?`);
      params.push(filter.date);
    } else {
      parts.push(`p.upvotes ${OPERATORS[filter.op]} ?`);
      params.push(filter.value);
    }
  }
  return { sql: parts.length === 0 ? "1" : parts.join(" AND "), params };
}

/** The query's filters as a SQL condition on the papers table aliased `p`, with bound parameters. */
export function toSqlFilters(query: Query): { sql: string; params: unknown[] } {
  return filtersToSql(query.filters);
}
