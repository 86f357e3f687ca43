import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, stem, tokenize } from "../../src/search/analyzer.js";
import { ftsTokenizer } from "./fts-tokenizer.js";

/** Pieces that meet at chunk edges: ASCII words in any case, digits, separators, letters with accents, marks, surrogates. */
const PIECES = [
  "Transformers", "quantization", "LLM", "x86", "3D", "GPT-4o", "state-of-the-art", " ", "  ", ".", ",", "(", ")", "\"",
  "-", "_", "'", "\t", "\n", "\0", "naïve", "Müller", "Æsir", "ﬁne", "é", "\u0301", "\u0308", "—", "’", "日本語", "😀",
  "\ud800", "\udc00", "ǅ", "İ", "ß", "Ⅻ", "٣", "ａｂｃ",
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);

describe("analyze", () => {
  it("GIVEN random text THEN its terms are exactly the terms FTS5 stores (porter unicode61 remove_diacritics 2)", () => {
    const fts = ftsTokenizer("porter unicode61 remove_diacritics 2");
    let nonEmpty = 0;
    fc.assert(
      fc.property(text, (input) => {
        const terms = analyze(input);
        if (terms.length > 0) nonEmpty += 1;
        expect(terms).toEqual(fts(input));
      }),
      { numRuns: 600, seed: 20261121 },
    );
    expect(nonEmpty).toBeGreaterThan(300);
  });

  it("GIVEN more distinct words than its word table keeps THEN stems stay right after the table starts over", () => {
    const words = Array.from({ length: 70_000 }, (_, i) => `Runn${i.toString(36)}ing`);
    const textOf = words.join(" ");
    const expected = tokenize(textOf).map(stem);
    expect(analyze(textOf)).toEqual(expected);
    expect(analyze(textOf)).toEqual(expected);
    expect(new Set(tokenize(textOf)).size).toBe(words.length);
  });
});
