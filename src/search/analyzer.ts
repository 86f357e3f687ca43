import { stem } from "./porter.js";
import { isTokenChar, tokenize } from "./unicode61.js";

/** ASCII characters that belong to a token under unicode61: letters and digits. */
const ASCII_WORD = Uint8Array.from({ length: 0x80 }, (_, code) => (isTokenChar(code) ? 1 : 0));

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
/** Words kept before the table starts over (a flood of one-off words must not grow it forever). */
const WORD_LIMIT = 1 << 16;

/**
 * Stems of ASCII words, found from the word's characters where they lie in the text: the hash is
 * computed while scanning, so a word seen before costs no substring and no string hashing.
 * Open addressing with linear probing, lower-cased word → stem.
 */
class WordStems {
  private words: (string | undefined)[] = [];
  private stems: string[] = [];
  private hashes = new Int32Array(0);
  private count = 0;

  /** Empties the table, allocating it the first time (so importing the module costs nothing). */
  private clear(): void {
    this.words = new Array<string | undefined>(WORD_LIMIT * 2).fill(undefined);
    this.stems = new Array<string>(WORD_LIMIT * 2).fill("");
    this.hashes = new Int32Array(WORD_LIMIT * 2);
    this.count = 0;
  }

  /** The stem of `text[start, end)`, lower-cased ASCII letters and digits whose hash is `hash`. */
  stemOf(text: string, start: number, end: number, hash: number): string {
    if (this.hashes.length === 0) this.clear();
    const mask = this.hashes.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.words[slot];
      if (word === undefined) break;
      if (this.hashes[slot] === hash && word.length === length && sameWord(word, text, start)) return this.stems[slot] ?? "";
    }
    if (this.count >= WORD_LIMIT) this.clear();
    const word = text.slice(start, end).toLowerCase();
    const result = stem(word);
    let slot = hash & mask;
    while (this.words[slot] !== undefined) slot = (slot + 1) & mask;
    this.words[slot] = word;
    this.stems[slot] = result;
    this.hashes[slot] = hash;
    this.count += 1;
    return result;
  }
}

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function sameWord(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i += 1) if (word.charCodeAt(i) !== lower(text.charCodeAt(start + i))) return false;
  return true;
}

const wordStems = new WordStems();

/**
 * Text to the terms FTS5 stores for it under `porter unicode61 remove_diacritics 2`: the one
 * definition of "a word" shared by the parser, the matcher and the equivalence tests. It is
 * `tokenize(text).map(stem)`, done faster: ASCII punctuation and spaces always end a token, so
 * the text is cut there into chunks; a chunk of plain ASCII letters and digits is one token,
 * looked up in `wordStems`, and any other chunk goes through the full tokenizer.
 */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && ASCII_WORD[code] === 0) {
      i += 1;
      continue;
    }
    let end = i;
    let hash = FNV_OFFSET;
    let ascii = true;
    for (; end < length; end += 1) {
      const next = text.charCodeAt(end);
      if (next >= 0x80) ascii = false;
      else if (ASCII_WORD[next] === 0) break;
      else hash = Math.imul(hash ^ lower(next), FNV_PRIME);
    }
    if (ascii) terms.push(wordStems.stemOf(text, i, end, hash));
    else for (const token of tokenize(text.slice(i, end))) terms.push(stem(token));
    i = end;
  }
  return terms;
}

export { stem, tokenize };
