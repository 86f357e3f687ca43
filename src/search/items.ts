import { indexText } from "./index-text.js";
import { stem, tokenize } from "./analyzer.js";
import type { Lexeme } from "./lexer.js";
import type { Comparison, Field, Filter, QueryError, Term } from "./query.js";

/**
 * A lexeme read for meaning: the operators, the modifiers that attach to what follows ("-",
 * "NOT", "title:"), terms and filters. A word that holds no token character ("--", "=", "'")
 * reads as nothing at all, which is how stray punctuation and SQL-looking debris stay harmless.
 */
export type Item =
  | { readonly type: "open" | "close" | "or"; readonly column: number; readonly end: number }
  | {
      readonly type: "modifier";
      readonly column: number;
      readonly end: number;
      readonly negated: boolean;
      readonly field: Field | null;
      /** How the user wrote it, for messages: `title:`, `NOT`, `-`. */
      readonly spelling: string;
      /** A bare "-" negates only what touches it; "- foo" is punctuation. */
      readonly touchingOnly: boolean;
    }
  | {
      readonly type: "term";
      readonly column: number;
      readonly end: number;
      readonly negated: boolean;
      /** Null when a phrase holds nothing searchable (`""`, `"!!"`). */
      readonly term: Term | null;
      readonly spelling: string;
    }
  | {
      readonly type: "filter";
      readonly column: number;
      readonly end: number;
      readonly negated: boolean;
      readonly filter: Filter;
      readonly spelling: string;
    };

/** Thrown inside the parser only; parseQuery turns it into an error result. */
export class QueryFailure extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}

export function fail(message: string, column: number, hint?: string): never {
  throw new QueryFailure(hint === undefined ? { message, column } : { message, column, hint });
}

const FIELD_NAMES: ReadonlyMap<string, Field | "since" | "upvotes"> = new Map([
  ["title", "title"],
  ["abstract", "abstract"],
  ["author", "author"],
  ["authors", "author"],
  ["org", "org"],
  ["organization", "org"],
  ["organisation", "org"],
  ["since", "since"],
  ["upvotes", "upvotes"],
  ["upvote", "upvotes"],
] as const);

export const FIELD_LIST = "title:, abstract:, author:, org:, since:, upvotes:";
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNT = /^(>=|<=|>|<|=)?(\d{1,9})$/;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function isRealDate(value: string): boolean {
  const parts = DATE.exec(value);
  if (parts === null) return false;
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return date.toISOString().slice(0, 10) === value;
}

function readFilter(name: "since" | "upvotes", value: string, column: number): Filter {
  if (name === "since") {
    if (!isRealDate(value)) {
      const got = value === "" ? "" : ` (got "${value}")`;
      fail(`since: needs a date like 2024-05-01${got}`, column, "since:YYYY-MM-DD keeps papers published on or after that day");
    }
    return { kind: "since", date: value };
  }
  const parts = COUNT.exec(value);
  if (parts === null) {
    fail("upvotes: needs a number like upvotes:>=10", column, "compare with >=, >, <=, < or =; a bare number means at least");
  }
  return { kind: "upvotes", op: (parts[1] ?? ">=") as Comparison, value: Number(parts[2]) };
}

/** Builds a term from the text of a word or phrase; null when it holds no token. */
export function makeTerm(text: string, prefix: boolean, field: Field | null, column: number): Term | null {
  const words = tokenize(indexText(text));
  if (words.length === 0) return null;
  const surface = text.replace(EDGE_PUNCTUATION, "") || words.join(" ");
  return { kind: "term", text: prefix ? `${surface}*` : surface, words, stems: words.map(stem), prefix, field, column };
}

/** Reads one word; may consume the following word as a filter's value (`since: 2024-05-01`). */
function readWord(lexemes: readonly Lexeme[], index: number): { item: Item | null; used: number } {
  const lexeme = lexemes[index];
  if (lexeme?.kind !== "word") throw new Error("readWord needs a word");
  const { column, end } = lexeme;
  const text = lexeme.text;
  if (text === "OR" || text === "|" || text === "||") return { item: { type: "or", column, end }, used: 1 };
  if (text === "AND" || text === "&&") return { item: null, used: 1 };
  if (text === "NOT") {
    return { item: { type: "modifier", column, end, negated: true, field: null, spelling: "NOT", touchingOnly: false }, used: 1 };
  }
  const body = text.replace(/^-+/, "");
  const negated = body.length < text.length;
  let named = /^([a-z]+):(.*)$/is.exec(body);
  const name = (named?.[1] ?? "").toLowerCase();
  const known = FIELD_NAMES.get(name);
  if (named !== null && known === undefined) {
    const touching = lexemes[index + 1]?.column === end + 1;
    // "Transformer: Global…" pasted from a title is a word; "foo:bar" or foo:"…" is a typo'd field.
    if (named[2] !== "" || touching) {
      fail(`unknown field "${name}:" — use ${FIELD_LIST}`, column, "quote it to search for the text itself");
    }
    named = null;
  }
  let field: Field | null = null;
  let rest = body;
  if (named !== null && known !== undefined) {
    rest = named[2] ?? "";
    const spelling = `${name}:`;
    if (known === "since" || known === "upvotes") {
      const next = lexemes[index + 1];
      if (rest === "" && next?.kind === "word") {
        return { item: { type: "filter", column, end: next.end, negated, filter: readFilter(known, next.text, column), spelling }, used: 2 };
      }
      return { item: { type: "filter", column, end, negated, filter: readFilter(known, rest, column), spelling }, used: 1 };
    }
    field = known;
    if (rest === "") return { item: { type: "modifier", column, end, negated, field, spelling, touchingOnly: false }, used: 1 };
  }
  const stripped = rest.replace(/\*+$/, "");
  const prefix = stripped.length < rest.length;
  if (stripped === "" && field === null) {
    return { item: negated ? { type: "modifier", column, end, negated, field, spelling: "-", touchingOnly: true } : null, used: 1 };
  }
  const term = makeTerm(stripped, prefix, field, column);
  if (term === null) {
    if (field !== null) fail(`empty field "${name}:"`, column, `put a word or "phrase" right after ${name}:`);
    return { item: null, used: 1 };
  }
  return { item: { type: "term", column, end, negated, term, spelling: named === null ? stripped : `${name}:` }, used: 1 };
}

/** The lexemes read for meaning, in order. */
export function readItems(lexemes: readonly Lexeme[]): Item[] {
  const items: Item[] = [];
  for (let index = 0; index < lexemes.length; ) {
    const lexeme = lexemes[index];
    if (lexeme === undefined) break;
    if (lexeme.kind === "word") {
      const { item, used } = readWord(lexemes, index);
      if (item !== null) items.push(item);
      index += used;
      continue;
    }
    if (lexeme.kind === "phrase") {
      const term = makeTerm(lexeme.text, lexeme.prefix, null, lexeme.column);
      items.push({ type: "term", column: lexeme.column, end: lexeme.end, negated: false, term, spelling: `"${lexeme.text}"` });
    } else {
      items.push({ type: lexeme.kind, column: lexeme.column, end: lexeme.end });
    }
    index += 1;
  }
  return items;
}
