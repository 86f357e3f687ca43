import { fail, QueryFailure, readItems, type Item } from "./items.js";
import { MAX_EXPRESSION_DEPTH, expressionDepth } from "./compile.js";
import { lex } from "./lexer.js";
import { positiveTerms, type AllOf, type Clause, type Field, type Filter, type ParseResult, type Term } from "./query.js";

/** Longer queries are refused before any work, so a pasted novel costs nothing. */
export const MAX_QUERY_LENGTH = 500;
const MAX_DEPTH = 16;

type Unit =
  | { kind: "clause"; clause: Clause; negated: boolean; column: number }
  | { kind: "filter"; filter: Filter; negated: boolean; column: number; spelling: string };

interface Sequence {
  include: Clause[];
  exclude: Clause[];
  filters: Filter[];
}

const OR_SIDES = '"OR" needs a term on both sides';
const NEEDS_TERM = "add at least one term to search for";

/** Puts a group's field on each of its terms: `title:(a OR b)` is `title:a OR title:b`. */
function withField(clause: Clause, field: Field, spelling: string): Clause {
  switch (clause.kind) {
    case "term":
      if (clause.field !== null && clause.field !== field) {
        fail(`"${clause.field}:${clause.text}" sits inside ${spelling}( … ): a term takes one field`, clause.column);
      }
      return { ...clause, field };
    case "all":
      return {
        kind: "all",
        include: clause.include.map((c) => withField(c, field, spelling)),
        exclude: clause.exclude.map((c) => withField(c, field, spelling)),
      };
    case "any":
      return { kind: "any", options: clause.options.map((c) => withField(c, field, spelling)) };
  }
}

function firstColumn(clause: Clause): number {
  const terms: Term[] = clause.kind === "all" ? [...clause.include, ...clause.exclude].flatMap(positiveTerms) : positiveTerms(clause);
  return terms[0]?.column ?? 1;
}

class Parser {
  private pos = 0;

  constructor(private readonly items: readonly Item[]) {}

  /** Words and groups up to the end or the `)` closing `open`; implicit AND between them. */
  sequence(depth: number, open: Item | null): Sequence {
    const result: Sequence = { include: [], exclude: [], filters: [] };
    for (;;) {
      const item = this.items[this.pos];
      if (item === undefined) {
        if (open !== null) fail(`unbalanced "(" at column ${open.column}: close it with ")" or remove it`, open.column);
        return result;
      }
      if (item.type === "close") {
        if (open === null) fail(`unbalanced ")" at column ${item.column}: remove it or add a "(" before it`, item.column);
        this.pos += 1;
        return result;
      }
      if (item.type === "or") fail(OR_SIDES, item.column, 'write "a OR b"; a lowercase "or" is searched as a word');
      const unit = this.unit(depth);
      if (unit === null) continue;
      if (this.items[this.pos]?.type === "or") {
        result.include.push(this.alternatives(unit, depth));
      } else if (unit.kind === "filter") {
        if (unit.negated) fail(`"-" cannot apply to ${unit.spelling}: compare instead, like upvotes:<10`, unit.column);
        if (depth > 0) fail(`${unit.spelling} works only outside parentheses`, unit.column);
        result.filters.push(unit.filter);
      } else {
        (unit.negated ? result.exclude : result.include).push(unit.clause);
      }
    }
  }

  /** `first OR b OR c …`: OR binds tighter than the implicit AND between neighbours. */
  private alternatives(first: Unit, depth: number): Clause {
    const options: Clause[] = [this.positive(first)];
    for (let item = this.items[this.pos]; item?.type === "or"; item = this.items[this.pos]) {
      this.pos += 1;
      const next = this.unit(depth);
      if (next === null) fail(OR_SIDES, item.column);
      options.push(this.positive(next));
    }
    return { kind: "any", options: options.flatMap((o) => (o.kind === "any" ? o.options : [o])) };
  }

  private positive(unit: Unit): Clause {
    if (unit.kind === "filter") fail(`${unit.spelling} cannot be one side of "OR"`, unit.column);
    if (unit.negated) fail('an exclusion cannot be one side of "OR": move it outside the OR', unit.column);
    return unit.clause;
  }

  /** Modifiers ("-", "NOT", "title:") then the word, phrase, group or filter they apply to. */
  private unit(depth: number): Unit | null {
    let negated = false;
    let field: { field: Field; spelling: string; column: number } | null = null;
    let keyword: Item | null = null;
    for (let item = this.items[this.pos]; item?.type === "modifier"; item = this.items[this.pos]) {
      this.pos += 1;
      const next = this.items[this.pos];
      if (item.touchingOnly && next?.column !== item.end + 1) continue;
      if (field !== null && item.field !== null) fail(`empty field "${field.spelling}"`, field.column);
      if (item.field !== null) field = { field: item.field, spelling: item.spelling, column: item.column };
      if (item.spelling === "NOT") keyword = item;
      negated ||= item.negated;
    }
    const item = this.items[this.pos];
    if (item === undefined || item.type === "close" || item.type === "or") {
      if (field !== null) fail(`empty field "${field.spelling}"`, field.column, `put a word or "phrase" right after ${field.spelling}`);
      if (keyword !== null) fail('"NOT" needs a term after it', keyword.column);
      return null;
    }
    this.pos += 1;
    if (item.type === "filter") {
      if (field !== null) fail(`empty field "${field.spelling}"`, field.column);
      return { kind: "filter", filter: item.filter, negated: negated || item.negated, column: item.column, spelling: item.spelling };
    }
    if (item.type === "term") {
      if (item.term === null) {
        if (field !== null) fail(`empty field "${field.spelling}"`, field.column);
        return null;
      }
      const term = field === null ? item.term : withField(item.term, field.field, field.spelling);
      return { kind: "clause", clause: term, negated: negated || item.negated, column: item.column };
    }
    if (item.type !== "open") throw new Error(`unexpected ${item.type}`);
    if (depth >= MAX_DEPTH) fail(`too many nested parentheses (max ${MAX_DEPTH})`, item.column);
    const inner = this.sequence(depth + 1, item);
    const group = groupClause(inner, item.column);
    if (group === null) return null;
    return { kind: "clause", clause: field === null ? group : withField(group, field.field, field.spelling), negated, column: item.column };
  }
}

function groupClause(inner: Sequence, column: number): Clause | null {
  if (inner.include.length === 0) {
    if (inner.exclude.length > 0) fail(NEEDS_TERM, column, "a group needs something to match besides exclusions");
    return null;
  }
  if (inner.include.length === 1 && inner.exclude.length === 0) return inner.include[0] ?? null;
  return { kind: "all", include: inner.include, exclude: inner.exclude };
}

/**
 * Parses the search language: words (all required), "phrases", prefix*, `-exclusion`, `OR`,
 * parentheses, `title:` `abstract:` `author:` `org:` (on a word, phrase, prefix or group),
 * `since:YYYY-MM-DD` and `upvotes:>=N`. `OR` binds tighter than the implicit AND, as in web search
 * engines: `neural OR deep learning` means `(neural OR deep) learning`. Never throws on any input.
 */
export function parseQuery(text: string): ParseResult {
  if (text.length > MAX_QUERY_LENGTH) {
    return { ok: false, error: { message: `query too long (max ${MAX_QUERY_LENGTH} characters)`, column: MAX_QUERY_LENGTH + 1 } };
  }
  const lexed = lex(text);
  if (!lexed.ok) return lexed;
  try {
    const parsed = new Parser(readItems(lexed.lexemes)).sequence(0, null);
    if (parsed.include.length === 0) {
      const excluded = parsed.exclude[0];
      if (excluded !== undefined) fail(NEEDS_TERM, firstColumn(excluded), "exclusions only narrow a search down");
      if (parsed.filters.length === 0) {
        fail('nothing to search for: type a word, a "phrase", or a filter like since:2024-05-01', 1);
      }
      return { ok: true, query: { text, match: null, filters: parsed.filters } };
    }
    const match: AllOf = { kind: "all", include: parsed.include, exclude: parsed.exclude };
    if (expressionDepth(match) > MAX_EXPRESSION_DEPTH) {
      fail("the query is nested too deeply", 1, "use fewer parentheses and exclusions inside one another");
    }
    return { ok: true, query: { text, match, filters: parsed.filters } };
  } catch (error) {
    if (error instanceof QueryFailure) return { ok: false, error: error.error };
    throw error;
  }
}
