import { parseQuery } from "./parser.js";
import type { Clause, ParseResult, Query, QueryError, Term } from "./query.js";

/**
 * What one query may ask of the full-text index. FTS5 expands every `prefix*` into each indexed
 * word that starts with it and evaluates every OR side and exclusion over its whole posting list,
 * so a short query can still cost seconds: `(a* OR t*)` forty times took 31 s on 40,000 papers.
 * These bounds keep the worst accepted query well under the search time budget; everything people
 * write in practice (a few words, a phrase, an OR of synonyms, a prefix of a real stem) fits.
 */
export const QUERY_BOUNDS = {
  /** Words across all terms, phrases and exclusions (a phrase counts each of its words). */
  maxWords: 24,
  /** Letters before a `*`: `tr*` matches a manageable slice of the vocabulary, `t*` a twentieth of it. */
  minPrefixLetters: 3,
  /** Prefix terms in one query, each an OR over every word it expands to. */
  maxPrefixes: 6,
  /** Sides of one OR. */
  maxOrOptions: 12,
  /** Terms, groups and ORs together: the size of the expression FTS5 evaluates. */
  maxClauses: 40,
} as const;

interface Tally {
  words: number;
  prefixes: number;
  clauses: number;
}

class CostExceeded extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}

function refuse(message: string, column: number, hint: string): never {
  throw new CostExceeded({ message, column, hint });
}

function firstColumnOf(clause: Clause): number {
  switch (clause.kind) {
    case "term":
      return clause.column;
    case "all":
      return firstColumnOf(clause.include[0] ?? clause.exclude[0] ?? { kind: "any", options: [] });
    case "any":
      return clause.options[0] === undefined ? 1 : firstColumnOf(clause.options[0]);
  }
}

const B = QUERY_BOUNDS;

function countClause(tally: Tally, clause: Clause): void {
  tally.clauses += 1;
  if (tally.clauses > B.maxClauses) {
    refuse(`the query is too complex (more than ${B.maxClauses} terms and groups)`, firstColumnOf(clause), "split it into simpler searches");
  }
  switch (clause.kind) {
    case "term":
      countTerm(tally, clause);
      return;
    case "any":
      if (clause.options.length > B.maxOrOptions) {
        const column = firstColumnOf(clause.options[B.maxOrOptions] ?? clause);
        refuse(`too many alternatives in one OR (max ${B.maxOrOptions})`, column, "keep the likeliest ones");
      }
      for (const option of clause.options) countClause(tally, option);
      return;
    case "all":
      for (const part of [...clause.include, ...clause.exclude]) countClause(tally, part);
  }
}

function countTerm(tally: Tally, term: Term): void {
  tally.words += term.words.length;
  if (tally.words > B.maxWords) {
    refuse(`too many words (max ${B.maxWords})`, term.column, "use fewer words or a phrase that says it");
  }
  if (!term.prefix) return;
  const stem = term.words[term.words.length - 1] ?? "";
  if ([...stem].length < B.minPrefixLetters) {
    refuse(`"${term.text}" is too short a prefix`, term.column, `type at least ${B.minPrefixLetters} letters before *`);
  }
  tally.prefixes += 1;
  if (tally.prefixes > B.maxPrefixes) {
    refuse(`too many prefix searches (max ${B.maxPrefixes} words with *)`, term.column, "spell some words out");
  }
}

/** Why a parsed query would cost too much to run, pointing at where it goes over; null when it fits. */
export function checkQueryCost(query: Query): QueryError | null {
  if (query.match === null) return null;
  try {
    countClause({ words: 0, prefixes: 0, clauses: 0 }, query.match);
    return null;
  } catch (error) {
    if (error instanceof CostExceeded) return error.error;
    throw error;
  }
}

/**
 * Parses a query someone typed for a search, a subscription or a channel filter, and refuses it
 * (as a query error, shown like any other) when it would cost more than QUERY_BOUNDS allow.
 */
export function parseBoundedQuery(text: string): ParseResult {
  const parsed = parseQuery(text);
  if (!parsed.ok) return parsed;
  const error = checkQueryCost(parsed.query);
  return error === null ? parsed : { ok: false, error };
}
