import type { Comparison, Filter, Query } from "../search/query.js";

/*
 * A query's filters as SQL. Operators come from a fixed table and values travel as bound
 * parameters, so nothing the user typed reaches SQLite as syntax.
 */

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
