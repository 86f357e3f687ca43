/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short words. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] ?? [];
      const above = d[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = best;
    }
  }
  return d[a.length]?.[b.length] ?? Number.MAX_SAFE_INTEGER;
}

/**
 * The known word a mistyped one was most likely meant to be (`serch` → `search`, `timezone` →
 * `timeZone`), or null when none is close: within a third of the word's length, at most 3 edits,
 * case aside. A known word that starts with the typed one (`sub` → `subscribe`) counts when it is
 * the only one.
 */
export function closest(typed: string, known: readonly string[]): string | null {
  const word = typed.toLowerCase();
  if (word === "") return null;
  let best: string | null = null;
  let bestDistance = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  for (const candidate of known) {
    const d = distance(word, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best === null)) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== null) return best;
  const prefixed = known.filter((candidate) => candidate.toLowerCase().startsWith(word));
  return word.length >= 2 && prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

/** ` (did you mean "search"?)` when a known word is close, else nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const match = closest(typed, known);
  return match === null ? "" : ` (did you mean "${match}"?)`;
}
