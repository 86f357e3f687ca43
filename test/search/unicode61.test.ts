import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analyzer.js";
import { ftsTokenizer } from "./fts-tokenizer.js";

function* codePoints(): Generator<number[]> {
  const chunk: number[] = [];
  for (let code = 1; code < 0x110000; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (code >= 0x40000 && code < 0xe0000 && code % 251 !== 0) continue;
    chunk.push(code);
    if (chunk.length === 4096) {
      yield chunk.splice(0);
    }
  }
  if (chunk.length > 0) yield chunk;
}

describe("unicode61 remove_diacritics 2 in JavaScript", () => {
  it("GIVEN every code point between two letters THEN JS tokens equal FTS5 tokens", () => {
    const fts = ftsTokenizer("unicode61 remove_diacritics 2");
    const mismatches: string[] = [];
    for (const chunk of codePoints()) {
      const text = chunk.map((code) => `x${String.fromCodePoint(code)}x`).join(" ");
      const expected = fts(text);
      const actual = tokenize(text);
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        for (const code of chunk) {
          const one = `x${String.fromCodePoint(code)}x`;
          const e = fts(one);
          const a = tokenize(one);
          if (JSON.stringify(e) !== JSON.stringify(a)) mismatches.push(`U+${code.toString(16)} ${JSON.stringify(e)} ${JSON.stringify(a)}`);
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it("GIVEN folded tokens joined by spaces THEN they tokenize to themselves (so the MATCH text can carry them)", () => {
    const unstable: string[] = [];
    for (const chunk of codePoints()) {
      const tokens = tokenize(chunk.map((code) => `x${String.fromCodePoint(code)}x`).join(" "));
      const again = tokenize(tokens.join(" "));
      if (JSON.stringify(again) !== JSON.stringify(tokens)) unstable.push(`U+${(chunk[0] ?? 0).toString(16)}…`);
    }
    expect(unstable).toEqual([]);
  });

  it("GIVEN diacritics, surrogates and separators at token edges THEN JS and FTS5 agree", () => {
    const fts = ftsTokenizer("unicode61 remove_diacritics 2");
    const samples = [
      " \u0301abc", "e\u0301te\u0301", "Ünïcödé ÆØÅ ß ẞ İstanbul", "a\ud800b \udc00c d\ud83d", "x\ufffey\uffffz",
      "\u0000a\u0000", "日本語のテキスト 中文", "Ελληνικά КИРИЛЛИЦА", "😀emoji🥲new", "a_b-c.d'e", "١٢٣ ①②", "ﬁnance ＡＢＣ",
    ];
    for (const text of samples) expect(tokenize(text), text).toEqual(fts(text));
  });
});
