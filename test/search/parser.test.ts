import { describe, expect, it } from "vitest";
import { parseQuery, positiveTerms, toFtsMatch, type Query } from "../../src/search/index.js";
import { toSqlFilters } from "../../src/store/search-sql.js";

function parsed(text: string): Query {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.error.message}`);
  return result.query;
}

const fts = (text: string): string | null => toFtsMatch(parsed(text));

function failure(text: string): { message: string; column: number; hint?: string } {
  const result = parseQuery(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail, got ${toFtsMatch(result.query)}`);
  return result.error;
}

describe("parseQuery: the query language", () => {
  it("GIVEN several words THEN all are required", () => {
    expect(fts("homomorphic encryption")).toBe('("homomorphic" AND "encryption")');
  });

  it("GIVEN a quoted phrase THEN it is one FTS5 string", () => {
    expect(fts('"vector graphics" survey')).toBe('("vector graphics" AND "survey")');
  });

  it("GIVEN OR between words THEN OR binds tighter than the implicit AND", () => {
    expect(fts("neural OR deep learning")).toBe('(("neural" OR "deep") AND "learning")');
    expect(fts("a OR b OR c")).toBe('("a" OR "b" OR "c")');
  });

  it("GIVEN parentheses THEN they group", () => {
    expect(fts("(neural network) OR transformer")).toBe('(("neural" AND "network") OR "transformer")');
    expect(fts("-(survey review) diffusion")).toBe('("diffusion" NOT ("survey" AND "review"))');
  });

  it("GIVEN -word, -phrase and -field:term THEN each becomes NOT", () => {
    expect(fts('diffusion -survey -"language model" -title:review')).toBe(
      '("diffusion" NOT ("survey" OR "language model" OR {title} : "review"))',
    );
    expect(fts("a NOT b")).toBe('("a" NOT "b")');
  });

  it("GIVEN prefix* on a word or a phrase THEN the FTS5 prefix marker follows the string", () => {
    expect(fts("quant*")).toBe('"quant" *');
    expect(fts('"vector gra"*')).toBe('"vector gra" *');
  });

  it("GIVEN fields on words, phrases, prefixes and groups THEN they become column filters", () => {
    expect(fts('title:"vector graphics"')).toBe('{title} : "vector graphics"');
    expect(fts("author:smith abstract:gemm org:openbmb")).toBe(
      '({authors} : "smith" AND {abstract} : "gemm" AND {organization} : "openbmb")',
    );
    expect(fts("title:quant*")).toBe('{title} : "quant" *');
    expect(fts("title:(a OR b)")).toBe('({title} : "a" OR {title} : "b")');
    expect(fts("title: vector")).toBe('{title} : "vector"');
    expect(fts("AUTHORS:Smith Organization:meta")).toBe('({authors} : "smith" AND {organization} : "meta")');
  });

  it("GIVEN since: and upvotes: THEN they become bound SQL conditions, not MATCH text", () => {
    const query = parsed("gemm since:2024-05-01 upvotes:>=10 upvotes:<100");
    expect(toFtsMatch(query)).toBe('"gemm"');
    expect(toSqlFilters(query)).toEqual({
      sql: "coalesce(p.published_on, substr(p.first_seen_at, 1, 10)) >= ? AND p.upvotes >= ? AND p.upvotes < ?",
      params: ["2024-05-01", 10, 100],
    });
    for (const op of [">", "<=", "="] as const) {
      expect(parsed(`upvotes:${op}3`).filters).toEqual([{ kind: "upvotes", op, value: 3 }]);
    }
    expect(parsed("upvotes:5").filters).toEqual([{ kind: "upvotes", op: ">=", value: 5 }]);
  });

  it("GIVEN only filters THEN the query is allowed and has no MATCH expression", () => {
    const query = parsed("since:2024-05-01");
    expect(query.match).toBeNull();
    expect(toFtsMatch(query)).toBeNull();
  });

  it("GIVEN upper and lower case THEN words fold the same way and only upper-case OR is an operator", () => {
    expect(fts("GEMM Kernels")).toBe(fts("gemm kernels"));
    expect(fts("a or b")).toBe('("a" AND "or" AND "b")');
    expect(fts("a AND b")).toBe('("a" AND "b")');
  });

  it("GIVEN stray punctuation and accents THEN the words are read and the rest ignored", () => {
    expect(fts("attention, please! ; --")).toBe('("attention" AND "please")');
    expect(fts("state-of-the-art café")).toBe('("state of the art" AND "cafe")');
    expect(fts("Block Transformer: Global-to-Local")).toBe('("block" AND "transformer" AND "global to local")');
    expect(fts("a - b")).toBe('("a" AND "b")');
  });

  it("GIVEN a term THEN it records its surface form, folded words and stems", () => {
    const [term] = positiveTerms(parsed("Transformers").match ?? { kind: "any", options: [] });
    expect(term).toMatchObject({ text: "Transformers", words: ["transformers"], stems: ["transform"], column: 1 });
  });
});

describe("parseQuery: errors that point at the problem", () => {
  it("GIVEN an unbalanced quote THEN the error points at its column", () => {
    expect(failure('vector "graphics survey')).toEqual({
      message: "unbalanced quote at column 8: close it or remove it",
      column: 8,
    });
  });

  it("GIVEN OR without a term on one side THEN the error names OR and its column", () => {
    expect(failure("diffusion OR")).toMatchObject({ message: '"OR" needs a term on both sides', column: 11 });
    expect(failure("OR diffusion")).toMatchObject({ message: '"OR" needs a term on both sides', column: 1 });
    expect(failure("a OR OR b")).toMatchObject({ message: '"OR" needs a term on both sides', column: 3 });
  });

  it("GIVEN an empty field THEN the error names the field", () => {
    expect(failure("diffusion title:")).toMatchObject({ message: 'empty field "title:"', column: 11 });
    expect(failure('title:""')).toMatchObject({ message: 'empty field "title:"', column: 1 });
    expect(failure("a authors:!!")).toMatchObject({ message: 'empty field "authors:"', column: 3 });
    expect(failure("title: OR x")).toMatchObject({ message: 'empty field "title:"', column: 1 });
  });

  it("GIVEN an unknown field THEN the error lists the known ones", () => {
    expect(failure("x foo:bar")).toMatchObject({
      message: 'unknown field "foo:" — use title:, abstract:, author:, org:, since:, upvotes:',
      column: 3,
    });
    expect(failure("constructor:x").message).toContain('unknown field "constructor:"');
  });

  it("GIVEN a bad date or count THEN the error shows the expected form", () => {
    expect(failure("since:yesterday")).toMatchObject({ message: 'since: needs a date like 2024-05-01 (got "yesterday")' });
    expect(failure("since:2024-02-30").message).toContain("since: needs a date like 2024-05-01");
    expect(failure("a upvotes:lots")).toMatchObject({ message: "upvotes: needs a number like upvotes:>=10", column: 3 });
  });

  it("GIVEN only exclusions THEN the error asks for a term", () => {
    expect(failure("-survey -review")).toMatchObject({ message: "add at least one term to search for", column: 1 });
    expect(failure("a (-b)").message).toBe("add at least one term to search for");
  });

  it("GIVEN nothing searchable THEN the error says so", () => {
    for (const text of ["", "   ", "!!!", '""', "AND"]) {
      expect(failure(text).message).toMatch(/^nothing to search for/);
    }
  });

  it("GIVEN unbalanced parentheses THEN the error points at the parenthesis", () => {
    expect(failure("(a b")).toMatchObject({ message: 'unbalanced "(" at column 1: close it with ")" or remove it', column: 1 });
    expect(failure("a b)")).toMatchObject({ message: 'unbalanced ")" at column 4: remove it or add a "(" before it', column: 4 });
  });

  it("GIVEN an exclusion or a filter inside OR THEN the error explains", () => {
    expect(failure("a OR -b")).toMatchObject({ column: 6 });
    expect(failure("a OR since:2024-01-01").message).toBe('since: cannot be one side of "OR"');
    expect(failure("(a since:2024-01-01)").message).toBe("since: works only outside parentheses");
    expect(failure("a -upvotes:>3").message).toContain('"-" cannot apply to upvotes:');
  });

  it("GIVEN NOT with nothing after it THEN the error says so", () => {
    expect(failure("a NOT")).toMatchObject({ message: '"NOT" needs a term after it', column: 3 });
  });

  it("GIVEN deep nesting THEN it is refused, not recursed into", () => {
    expect(failure(`${"(".repeat(40)}a${")".repeat(40)}`).message).toBe("too many nested parentheses (max 16)");
  });

  it("GIVEN more than 500 characters THEN the error is immediate", () => {
    const started = performance.now();
    expect(failure("a".repeat(5000))).toEqual({ message: "query too long (max 500 characters)", column: 501 });
    expect(performance.now() - started).toBeLessThan(50);
    expect(parseQuery("ab ".repeat(166)).ok).toBe(true);
  });

  it("GIVEN NUL bytes and control characters THEN they separate words and are dropped", () => {
    expect(fts("gemm\u0000kernels\u0007\u001b[31m")).toBe('("gemm" AND "kernels" AND "31m")');
  });
});
