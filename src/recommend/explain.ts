/**
 * Term ids to words a person reads: the first spelling seen, and no term that repeats a word of
 * one already chosen ("post training" keeps "training" from showing again).
 */
import type { Vocabulary } from "./vectors.js";

export function readableTerms(vocabulary: Vocabulary, termIds: readonly number[], max: number): string[] {
  const chosen: string[] = [];
  const usedStems = new Set<string>();
  for (const id of termIds) {
    if (chosen.length >= max) break;
    const stems = vocabulary.term(id).split(" ");
    if (stems.some((s) => usedStems.has(s))) continue;
    for (const s of stems) usedStems.add(s);
    chosen.push(vocabulary.surface(id));
  }
  return chosen;
}
