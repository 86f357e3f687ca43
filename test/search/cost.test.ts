import { describe, expect, it } from "vitest";
import { checkQueryCost, parseBoundedQuery, parseQuery, QUERY_BOUNDS } from "../../src/search/index.js";

const letters = "bcdefghijklmnopqrstuvwxyz".split("");

/** Queries from the attack on the bot: each one parses, and each one costs far too much to run. */
const HOSTILE: readonly [string, string, RegExp][] = [
  ["(a* OR t*) forty times (439 characters)", Array.from({ length: 40 }, () => "(a* OR t*)").join(" "), /too short a prefix/],
  ["100 exclusions and a word", `${Array.from({ length: 4 }, () => letters.map((l) => `-${l}`).join(" ")).join(" ")} model`, /./],
  ["an OR of 40 words", Array.from({ length: 40 }, (_, i) => `word${i}`).join(" OR "), /too many alternatives in one OR/],
  ["a one-letter prefix", "a*", /"a\*" is too short a prefix/],
  ["a two-letter prefix in a field", "title:tr*", /"tr\*" is too short a prefix/],
  ["30 plain words", Array.from({ length: 30 }, (_, i) => `word${i}`).join(" "), /too many words/],
  ["seven prefixes", "alp* bet* gam* del* eps* zet* eta*", /too many prefix searches/],
  ["a phrase of 25 words", `"${Array.from({ length: 25 }, (_, i) => `w${i}`).join(" ")}"`, /too many words/],
  ["nested groups over the clause budget", Array.from({ length: 11 }, (_, i) => `(x${i} OR y${i} OR z${i})`).join(" "), /too (complex|many words)/],
];

describe("query cost bounds", () => {
  it.each(HOSTILE)("GIVEN %s THEN the query is refused with a friendly error and a hint", (_name, text, message) => {
    const bounded = parseBoundedQuery(text);
    expect(bounded.ok).toBe(false);
    if (bounded.ok) return;
    expect(bounded.error.message).toMatch(message);
    expect(bounded.error.column).toBeGreaterThanOrEqual(1);
    expect(bounded.error.column).toBeLessThanOrEqual(text.length);
  });

  it("GIVEN (a* OR t*) forty times THEN the parser alone accepts it, so the refusal comes from the cost bound", () => {
    const text = Array.from({ length: 40 }, () => "(a* OR t*)").join(" ");
    const parsed = parseQuery(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(checkQueryCost(parsed.query)).toMatchObject({ column: 2, hint: "type at least 3 letters before *" });
  });

  it("GIVEN an OR wider than the bound THEN the error points at the first side over it", () => {
    const text = Array.from({ length: 13 }, (_, i) => `w${String(i).padStart(2, "0")}`).join(" OR ");
    const bounded = parseBoundedQuery(text);
    expect(bounded.ok).toBe(false);
    if (!bounded.ok) expect(bounded.error.column).toBe(text.indexOf("w12") + 1);
  });

  it.each([
    ["a few words", "homomorphic encryption survey"],
    ["a phrase and an exclusion", '"vector graphics" -survey'],
    ["an OR of synonyms", "(llm OR transformer OR attention) title:efficient"],
    ["prefixes of real stems", "quantiz* diffus* title:transform*"],
    ["filters only", "since:2024-05-01 upvotes:>=10"],
    ["exactly the word budget", Array.from({ length: QUERY_BOUNDS.maxWords }, (_, i) => `word${i}`).join(" ")],
    ["exactly the OR budget", Array.from({ length: QUERY_BOUNDS.maxOrOptions }, (_, i) => `word${i}`).join(" OR ")],
    ["three-letter prefixes up to the prefix budget", "abc* def* ghi* jkl* mno* pqr*"],
  ])("GIVEN %s THEN the query is within the bounds", (_name, text) => {
    const bounded = parseBoundedQuery(text);
    expect(bounded.ok ? null : bounded.error).toBeNull();
  });

  it("GIVEN a query the parser refuses THEN its own error comes back unchanged", () => {
    expect(parseBoundedQuery("a OR")).toEqual(parseQuery("a OR"));
  });
});
