/** Queries at the edges of what the language allows never reach FTS5 as something it cannot parse. */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expressionDepth, MAX_EXPRESSION_DEPTH } from "../../src/search/compile.js";
import { parseQuery } from "../../src/search/index.js";
import { openTestStore, type TestStore } from "./store.js";

let store: TestStore;
beforeAll(() => {
  store = openTestStore();
  store.add({ title: "Sparse attention kernels", abstract: "We make attention sparse." });
  store.add({ title: "Attention for bees", abstract: "Attention and bees and a few other letters." });
});
afterAll(() => store.db.close());

function search(text: string) {
  const parsed = parseQuery(text);
  if (!parsed.ok) return { error: parsed.error.message };
  return { titles: store.search.page(parsed.query, { limit: 10, offset: 0 }).results.map((hit) => hit.paper.title) };
}

const LETTERS = "bcdefghijklmnopqrstuvwxyz".split("");

describe("queries FTS5 could not parse", () => {
  it("GIVEN about 100 exclusions (-b … -z four times) and a word THEN the search runs and excludes them", () => {
    const exclusions = [0, 1, 2, 3].flatMap(() => LETTERS.map((l) => `-${l}`)).join(" ");
    expect(exclusions.split(" ")).toHaveLength(100);
    expect(search(`attention ${exclusions}`)).toEqual({ titles: ["Sparse attention kernels", "Attention for bees"] });
    expect(search(`attention -bees ${exclusions}`)).toEqual({ titles: ["Sparse attention kernels"] });
  });

  it("GIVEN random queries of nested groups, ORs and exclusions up to the length limit THEN each either runs or is refused with a message", () => {
    const word = fc.constantFrom("attention", "sparse", "bees", "kernel", "x", "title:attention", '"sparse attention"', "spar*");
    const join = fc.constantFrom(" -", " OR ", " ", " -title:", " NOT ");
    /** Groups nested up to 18 deep (past the limit of 16), each joining a word to the group inside it. */
    const nested = fc.array(fc.tuple(word, join), { minLength: 1, maxLength: 18 }).chain((levels) =>
      word.map((core) => levels.reduceRight<string>((inner, [w, j]) => `(${w}${j}(${inner}))`, core)),
    );
    /** Long flat runs of words, ORs and exclusions. */
    const flat = fc.array(fc.tuple(join, word), { minLength: 1, maxLength: 120 }).map((parts) => `attention${parts.map(([j, w]) => `${j}${w}`).join("")}`);
    let ran = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(nested, flat), fc.array(fc.oneof(nested, flat), { maxLength: 2 }), (first, more) => {
        const text = [first, ...more].join(" ");
        if (text.length > 500) return;
        const outcome = search(text);
        if ("titles" in outcome) ran += 1;
        else {
          refused += 1;
          expect(outcome.error).not.toMatch(/fts5|sqlite|internal/iu);
        }
      }),
      { seed: 9, numRuns: 400 },
    );
    expect(ran).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
  });

  it("GIVEN the expression depth of any accepted query THEN it is within the bound FTS5 takes", () => {
    const deepest = "(a -(b -(c -(d -(e -(f -(g -(h -(i -(j -(k -(l -(m -(n -(o -(p q))))))))))))))))";
    const parsed = parseQuery(deepest);
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.query.match !== null) expect(expressionDepth(parsed.query.match)).toBeLessThanOrEqual(MAX_EXPRESSION_DEPTH);
    expect(search(deepest)).toEqual({ titles: expect.any(Array) });
  });
});
