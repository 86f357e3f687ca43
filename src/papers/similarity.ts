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
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
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
