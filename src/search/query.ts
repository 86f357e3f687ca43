/** The fields a term can be limited to, spelled as people type them (`title:`, `author:`, …). */
export type Field = "title" | "abstract" | "author" | "org";

/** FTS5 column of each field, in the order of the `papers_fts` table. */
export const FIELD_COLUMNS: Readonly<Record<Field, { name: string; index: number }>> = {
  title: { name: "title", index: 0 },
  abstract: { name: "abstract", index: 1 },
  author: { name: "authors", index: 2 },
  org: { name: "organization", index: 3 },
};

/**
 * One word, "quoted phrase" or prefix* as the user typed it. The parser tokenizes it once with the
 * index's own tokenizer, so SQL, the matcher and the `matched` report agree on what it means:
 * `words` (folded, unstemmed) is what reaches FTS5, `stems` is what the matcher compares.
 */
export interface Term {
  readonly kind: "term";
  /** The surface form, for `matched` lists and messages: `encryption`, `vector graphics`, `quant*`. */
  readonly text: string;
  readonly words: readonly string[];
  readonly stems: readonly string[];
  /** The last word matches any indexed term that starts with it. */
  readonly prefix: boolean;
  readonly field: Field | null;
  /** 1-based column of the term in the query text. */
  readonly column: number;
}

/**
 * Every `include` must match and no `exclude` may. Exclusions live only here, next to something
 * positive, because FTS5 has no unary NOT ("-survey" alone cannot be searched).
 */
export interface AllOf {
  readonly kind: "all";
  readonly include: readonly Clause[];
  readonly exclude: readonly Clause[];
}

/** At least one option must match: `a OR b OR (c d)`. */
export interface AnyOf {
  readonly kind: "any";
  readonly options: readonly Clause[];
}

export type Clause = Term | AllOf | AnyOf;

export type Comparison = ">=" | ">" | "<=" | "<" | "=";

/**
 * Conditions on stored columns rather than on text: they become SQL with bound parameters, never
 * part of the MATCH expression. A paper without a publication date counts as published on the day
 * it was first seen.
 */
export type Filter =
  | { readonly kind: "since"; readonly date: string }
  | { readonly kind: "upvotes"; readonly op: Comparison; readonly value: number };

/**
 * A parsed query. `match` is null for a filters-only query (`since:2024-05-01`), which lists
 * papers instead of ranking them.
 */
export interface Query {
  readonly text: string;
  readonly match: AllOf | null;
  readonly filters: readonly Filter[];
}

/** A user mistake in a query, with the place to point at; shown as is, never thrown as a bug. */
export interface QueryError {
  readonly message: string;
  /** 1-based column in the query text. */
  readonly column: number;
  readonly hint?: string;
}

export type ParseResult = { ok: true; query: Query } | { ok: false; error: QueryError };

/** Every term of a clause that counts for matching (exclusions left out), in query order. */
export function positiveTerms(clause: Clause): Term[] {
  switch (clause.kind) {
    case "term":
      return [clause];
    case "all":
      return clause.include.flatMap(positiveTerms);
    case "any":
      return clause.options.flatMap(positiveTerms);
  }
}

