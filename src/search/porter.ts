/*
 * FTS5's porter stemmer (fts5_porter.c) in JavaScript. It is the original Porter algorithm with
 * FTS5's own details kept on purpose, because a stem that differs by one letter from the index's
 * would silently miss: it works on UTF-8 bytes, leaves tokens shorter than 3 or longer than 64
 * bytes alone, counts "y" as a vowel anywhere after the first letter in the *v* test, and a
 * suffix never matches the whole word.
 */

const A = 97;
const E = 101;
const I = 105;
const L = 108;
const O = 111;
const S = 115;
const T = 116;
const U = 117;
const W = 119;
const X = 120;
const Y = 121;
const Z = 122;

type Buf = number[];

function isVowel(c: number | undefined, yIsVowel: boolean): boolean {
  return c === A || c === E || c === I || c === O || c === U || (yIsVowel && c === Y);
}

/** Skips one vowel run then one consonant run of `b[from, from+n)`; returns the length used, or 0. */
function gobbleVC(b: Buf, from: number, n: number, prevCons: boolean): number {
  let cons = prevCons;
  let i = 0;
  for (; i < n; i += 1) {
    cons = !isVowel(b[from + i], cons);
    if (!cons) break;
  }
  for (i += 1; i < n; i += 1) {
    cons = !isVowel(b[from + i], cons);
    if (cons) return i + 1;
  }
  return 0;
}

const mGt0 = (b: Buf, n: number): boolean => gobbleVC(b, 0, n, false) !== 0;

function mGt1(b: Buf, n: number): boolean {
  const k = gobbleVC(b, 0, n, false);
  return k !== 0 && gobbleVC(b, k, n - k, true) !== 0;
}

function mEq1(b: Buf, n: number): boolean {
  const k = gobbleVC(b, 0, n, false);
  return k !== 0 && gobbleVC(b, k, n - k, true) === 0;
}

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y. */
function oStar(b: Buf, n: number): boolean {
  const last = b[n - 1];
  if (last === W || last === X || last === Y) return false;
  let mask = 0;
  let cons = false;
  for (let i = 0; i < n; i += 1) {
    cons = !isVowel(b[i], cons);
    mask = (mask << 1) + (cons ? 1 : 0);
  }
  return (mask & 7) === 5;
}

/** *v*: the stem contains a vowel. */
function hasVowel(b: Buf, n: number): boolean {
  for (let i = 0; i < n; i += 1) if (isVowel(b[i], i > 0)) return true;
  return false;
}

const sOrTAndMGt1 = (b: Buf, n: number): boolean => (b[n - 1] === S || b[n - 1] === T) && mGt1(b, n);

interface Rule {
  suffix: number[];
  condition: ((b: Buf, n: number) => boolean) | null;
  output: number[];
}

const codes = (s: string): number[] => Array.from(s, (ch) => ch.charCodeAt(0));

function rules(condition: Rule["condition"], pairs: string): Rule[] {
  return pairs.split(" ").map((pair) => {
    const [suffix = "", output = ""] = pair.split(">");
    return { suffix: codes(suffix), condition, output: codes(output) };
  });
}

const STEP_1B2 = rules(null, "at>ate bl>ble iz>ize");
const STEP_2 = rules(
  mGt0,
  "ational>ate tional>tion enci>ence anci>ance izer>ize logi>log bli>ble alli>al entli>ent eli>e ousli>ous " +
    "ization>ize ation>ate ator>ate alism>al iveness>ive fulness>ful ousness>ous aliti>al iviti>ive biliti>ble",
);
const STEP_3 = rules(mGt0, "ical>ic ness> icate>ic iciti>ic ful> ative> alize>al");
const STEP_4 = [
  ...rules(mGt1, "al> ance> ence> er> ic> able> ible> ant> ement> ment> ent>"),
  ...rules(sOrTAndMGt1, "ion>"),
  ...rules(mGt1, "ou> ism> ate> iti> ous> ive> ize>"),
];

function endsWith(b: Buf, n: number, suffix: number[]): boolean {
  if (n <= suffix.length) return false;
  for (let i = 0; i < suffix.length; i += 1) if (b[n - suffix.length + i] !== suffix[i]) return false;
  return true;
}

/** Applies the first rule whose suffix matches; returns the new length and whether it changed. */
function applyRules(b: Buf, n: number, list: readonly Rule[]): [number, boolean] {
  for (const rule of list) {
    if (!endsWith(b, n, rule.suffix)) continue;
    const stem = n - rule.suffix.length;
    if (rule.condition !== null && !rule.condition(b, stem)) return [n, false];
    for (let i = 0; i < rule.output.length; i += 1) b[stem + i] = rule.output[i] ?? 0;
    return [stem + rule.output.length, true];
  }
  return [n, false];
}

function step1a(b: Buf, n: number): number {
  if (b[n - 1] !== S) return n;
  if (b[n - 2] === E) {
    if ((n > 4 && b[n - 4] === S && b[n - 3] === S) || (n > 3 && b[n - 3] === I)) return n - 2;
    return n - 1;
  }
  return b[n - 2] !== S ? n - 1 : n;
}

const EED = codes("eed");
const ED = codes("ed");
const ING = codes("ing");

/** Step 1b; `removed` says "ed" or "ing" came off, which is when the 1b clean-up runs. */
function step1b(b: Buf, n: number): { n: number; removed: boolean } {
  if (endsWith(b, n, EED)) {
    if (mGt0(b, n - 3)) return { n: n - 1, removed: false };
    return { n, removed: false };
  }
  for (const suffix of [ED, ING]) {
    if (endsWith(b, n, suffix)) {
      if (hasVowel(b, n - suffix.length)) return { n: n - suffix.length, removed: true };
      return { n, removed: false };
    }
  }
  return { n, removed: false };
}

/** Stems a token given as bytes; returns the stem's byte length (the buffer is edited in place). */
export function stemBytes(b: Buf): number {
  let n = b.length;
  if (n < 3 || n > 64) return n;
  n = step1a(b, n);
  const afterB = step1b(b, n);
  n = afterB.n;
  if (afterB.removed) {
    const [next, changed] = applyRules(b, n, STEP_1B2);
    n = next;
    if (!changed) {
      const c = b[n - 1];
      if (!isVowel(c, false) && c !== L && c !== S && c !== Z && c === b[n - 2]) {
        n -= 1;
      } else if (mEq1(b, n) && oStar(b, n)) {
        b[n] = E;
        n += 1;
      }
    }
  }
  if (b[n - 1] === Y && hasVowel(b, n - 1)) b[n - 1] = I;
  n = applyRules(b, n, STEP_2)[0];
  n = applyRules(b, n, STEP_3)[0];
  n = applyRules(b, n, STEP_4)[0];
  if (b[n - 1] === E && (mGt1(b, n - 1) || (mEq1(b, n - 1) && !oStar(b, n - 1)))) n -= 1;
  if (n > 1 && b[n - 1] === L && b[n - 2] === L && mGt1(b, n - 1)) n -= 1;
  return n;
}

const ASCII_ONLY = /^\p{ASCII}*$/u;
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** The porter stem of one folded token, as FTS5 would store it. */
export function stem(token: string): string {
  const known = cache.get(token);
  if (known !== undefined) return known;
  let result: string;
  if (ASCII_ONLY.test(token)) {
    const b = codes(token);
    result = String.fromCharCode(...b.slice(0, stemBytes(b)));
  } else {
    const b = Array.from(Buffer.from(token, "utf8"));
    result = Buffer.from(b.slice(0, stemBytes(b))).toString("utf8");
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, result);
  return result;
}
