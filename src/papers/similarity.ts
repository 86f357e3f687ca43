/**
 * Bounded string and set similarities for near-duplicate detection. Inputs are capped by the
 * callers, so every function here is at worst quadratic in a small constant.
 */

/**
 * Levenshtein distance, with the classic two-row dynamic programme. `a` and `b` are compared by
 * UTF-16 code unit, which is fine for the normalised (mostly Latin) titles it is used on.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const code = a.charCodeAt(i - 1);
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (code === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/**
 * Whether the edit distance is at most `limit`. Clearly different strings are settled by their
 * character counts; the rest by Myers' bit-parallel algorithm (32 rows of the table per machine
 * word, blocks of 32 for longer strings), which stops as soon as the distance can no longer come
 * down to `limit`.
 */
export function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (a === b) return true;
  if (bagDistance(a, b) > 2 * limit) return false;
  return bitParallelDistance(a, b, limit) <= limit;
}

const HIGH = 0x80000000 | 0;

/**
 * Levenshtein distance of `a` (the rows, in blocks of 32 bits) and `b` (the columns), or more than
 * `limit` as soon as it cannot end at `limit` or less (each remaining column lowers it by one at most).
 */
function bitParallelDistance(a: string, b: string, limit: number): number {
  const m = a.length;
  if (m === 0) return b.length;
  const blocks = (m + 31) >> 5;
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const code = a.charCodeAt(i);
    let bits = peq.get(code);
    if (bits === undefined) {
      bits = new Int32Array(blocks);
      peq.set(code, bits);
    }
    bits[i >> 5]! |= 1 << (i & 31);
  }
  const none = new Int32Array(blocks);
  const pv = new Int32Array(blocks).fill(-1);
  const mv = new Int32Array(blocks);
  const lastRow = 1 << ((m - 1) & 31);
  let score = m;
  for (let j = 0; j < b.length; j++) {
    const eqs = peq.get(b.charCodeAt(j)) ?? none;
    let hin = 1;
    for (let k = 0; k < blocks; k++) {
      const p = pv[k]!;
      const n = mv[k]!;
      let eq = eqs[k]!;
      const xv = eq | n;
      if (hin < 0) eq |= 1;
      const xh = ((((eq & p) + p) | 0) ^ p) | eq;
      let ph = n | ~(xh | p);
      let mh = p & xh;
      if (k === blocks - 1) {
        if ((ph & lastRow) !== 0) score++;
        else if ((mh & lastRow) !== 0) score--;
      }
      const hout = (ph & HIGH) !== 0 ? 1 : (mh & HIGH) !== 0 ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (hin < 0) mh |= 1;
      else if (hin > 0) ph |= 1;
      pv[k] = mh | ~(xv | ph);
      mv[k] = ph & xv;
      hin = hout;
    }
    if (score - (b.length - j - 1) > limit) return limit + 1;
  }
  return score;
}

const bag = new Int32Array(64);

/**
 * How far apart the two strings' character counts are (over 64 buckets of code units): each edit
 * changes them by at most 2, so an edit distance is at least half this. Settles most clearly
 * different titles in one linear pass, before any dynamic programme.
 */
function bagDistance(a: string, b: string): number {
  bag.fill(0);
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i) & 63]! += 1;
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i) & 63]! -= 1;
  let distance = 0;
  for (let i = 0; i < 64; i++) distance += Math.abs(bag[i]!);
  return distance;
}

/** 1 − edit distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are identical. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const shared = intersectionSize(a, b);
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * |A ∩ B| / min(|A|, |B|): how much of the smaller set the larger one contains. Unlike Jaccard it
 * stays near 1 when one text is a truncated prefix of the other.
 */
export function containment<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : intersectionSize(a, b) / smaller;
}

function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared;
}

/** The set of `size`-token windows ("w-shingles"); a text shorter than `size` is one shingle. */
export function shingles(tokens: readonly string[], size: number): Set<string> {
  const result = new Set<string>();
  if (tokens.length === 0) return result;
  if (tokens.length < size) result.add(tokens.join(" "));
  for (let i = 0; i + size <= tokens.length; i++) result.add(tokens.slice(i, i + size).join(" "));
  return result;
}
