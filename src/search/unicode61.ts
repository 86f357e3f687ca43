import { BLOCK, DATA, DIACRITIC_CHARS, DIACRITIC_KEYS, FOLD_ENTRIES, FOLD_OFFSETS, MAP } from "./unicode-data.js";

/*
 * FTS5's `unicode61 remove_diacritics 2` tokenizer in JavaScript, following fts5_tokenize.c step by
 * step: a token starts at a token character (general category L*, N*, Co, or a code point the
 * tables leave unassigned), continues through token characters and combining diacritics, and every
 * character is case-folded with its diacritic removed. Typed-array reads fall back to 0 only to
 * satisfy noUncheckedIndexedAccess; every index below is in range.
 */

const PLANES = 0x110000;
const TOKEN_CATEGORIES = new Set([0, 5, 6, 7, 8, 9, 30, 13, 14, 15, 31]);

/** One bit per code point: set when unicode61 treats it as part of a token. */
const tokenBits = buildTokenBits();
/** Folded (lower-cased, diacritic-free) form of every BMP code point. */
const bmpFold = buildBmpFold();

function buildTokenBits(): Uint8Array {
  const bits = new Uint8Array(PLANES >> 3).fill(0xff); // unassigned code points are token characters
  for (let plane = 0; plane < 16; plane += 1) {
    const first = BLOCK[plane] ?? 0;
    const end = BLOCK[plane + 1] ?? 0;
    for (let run = first; run < end; run += 1) {
      const start = (plane << 16) + (MAP[run] ?? 0);
      const data = DATA[run] ?? 0;
      const length = data >> 5;
      const category = data & 0x1f;
      const next = run + 1 < end ? (plane << 16) + (MAP[run + 1] ?? 0) : (plane + 1) << 16;
      for (let code = start; code < next; code += 1) {
        const isToken = code >= start + length || TOKEN_CATEGORIES.has(category);
        if (!isToken) bits[code >> 3] = (bits[code >> 3] ?? 0) & ~(1 << (code & 7));
      }
    }
  }
  bits[0] = (bits[0] ?? 0) & ~1; // NUL never belongs to a token
  return bits;
}

function removeDiacritic(code: number): number {
  const key = (code << 3) | 7;
  let lo = 0;
  let hi = DIACRITIC_KEYS.length - 1;
  let res = 0;
  while (hi >= lo) {
    const mid = (lo + hi) >> 1;
    if (key >= (DIACRITIC_KEYS[mid] ?? 0)) {
      res = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const entry = DIACRITIC_KEYS[res] ?? 0;
  return code > (entry >> 3) + (entry & 7) ? code : (DIACRITIC_CHARS[res] ?? 0) & 0x7f;
}

function foldBmp(code: number): number {
  let lo = 0;
  let hi = FOLD_ENTRIES.length / 3 - 1;
  let res = -1;
  while (hi >= lo) {
    const mid = (lo + hi) >> 1;
    if (code >= (FOLD_ENTRIES[mid * 3] ?? 0)) {
      res = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  let folded = code;
  if (res >= 0) {
    const first = FOLD_ENTRIES[res * 3] ?? 0;
    const flags = FOLD_ENTRIES[res * 3 + 1] ?? 0;
    const range = FOLD_ENTRIES[res * 3 + 2] ?? 0;
    if (code < first + range && (0x01 & flags & (first ^ code)) === 0) {
      folded = (code + (FOLD_OFFSETS[flags >> 1] ?? 0)) & 0xffff;
    }
  }
  return removeDiacritic(folded);
}

function buildBmpFold(): Uint32Array {
  const table = new Uint32Array(0x10000);
  for (let code = 0; code < 0x80; code += 1) table[code] = code >= 65 && code <= 90 ? code + 32 : code;
  for (let code = 0x80; code < 0x10000; code += 1) table[code] = foldBmp(code);
  return table;
}

/** True when unicode61 keeps the code point inside a token. */
export function isTokenChar(code: number): boolean {
  return code >= 0 && code < PLANES && (((tokenBits[code >> 3] ?? 0) >> (code & 7)) & 1) === 1;
}

/** The combining marks unicode61 lets continue (but never start) a token. */
export function isDiacritic(code: number): boolean {
  if (code < 768 || code > 817) return false;
  return code < 800 ? ((0x08029fdf >>> (code - 768)) & 1) === 1 : ((0x000361f8 >>> (code - 800)) & 1) === 1;
}

/** Lower-cases and strips the diacritic as `sqlite3Fts5UnicodeFold(code, 2)` does; 0 drops it. */
export function foldChar(code: number): number {
  if (code < 0x10000) return bmpFold[code] ?? code;
  return code >= 66560 && code < 66600 ? code + 40 : code;
}

const REPLACEMENT = 0xfffd;

/**
 * Splits text into folded, unstemmed tokens exactly as FTS5 would before the porter step.
 * Lone surrogates and U+FFFE/U+FFFF become U+FFFD first, as they do on the way into SQLite.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let inToken = false;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (!(((tokenBits[code >> 3] ?? 0) >> (code & 7)) & 1)) {
        if (inToken) {
          tokens.push(current);
          current = "";
          inToken = false;
        }
        continue;
      }
      // A run of ASCII token characters is copied in one slice (the common case: English text).
      let end = i + 1;
      let upper = code >= 65 && code <= 90;
      for (; end < length; end += 1) {
        const next = text.charCodeAt(end);
        if (next >= 0x80 || !(((tokenBits[next >> 3] ?? 0) >> (next & 7)) & 1)) break;
        if (next >= 65 && next <= 90) upper = true;
      }
      const run = text.slice(i, end);
      current += upper ? run.toLowerCase() : run;
      inToken = true;
      i = end - 1;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i += 1;
      } else {
        code = REPLACEMENT;
      }
    } else if (code === 0xfffe || code === 0xffff) {
      code = REPLACEMENT;
    }
    if (isTokenChar(code) || (inToken && isDiacritic(code))) {
      const folded = foldChar(code);
      if (folded !== 0) current += String.fromCodePoint(folded);
      inToken = true;
    } else if (inToken) {
      tokens.push(current);
      current = "";
      inToken = false;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}
