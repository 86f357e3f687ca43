/**
 * "Papers like this one": nearest neighbours by the cosine of TF-IDF vectors, each with the terms
 * the two papers share that weigh most (high in both and rare in the history), which is what a
 * person reads as "why".
 */
import type { Doc } from "./foryou.js";
import { dot, sharedTerms, type SparseVector } from "./vectors.js";

export interface SimilarPaper {
  id: number;
  similarity: number;
  /** Shared term ids, most distinctive first. */
  shared: number[];
}

/** Shared terms kept per result, before the presentation picks readable ones. */
const SHARED_TERMS = 8;

/** The `limit` candidates closest to `target` (itself excluded), closest first, ties by newer id. */
export function similarTo(target: { id: number; vector: SparseVector }, candidates: readonly Doc[], limit: number): SimilarPaper[] {
  const scored: { doc: Doc; similarity: number }[] = [];
  for (const doc of candidates) {
    if (doc.id === target.id) continue;
    const similarity = dot(target.vector, doc.vector);
    if (similarity > 0) scored.push({ doc, similarity });
  }
  return scored
    .sort((a, b) => b.similarity - a.similarity || b.doc.id - a.doc.id)
    .slice(0, Math.max(0, limit))
    .map(({ doc, similarity }) => ({ id: doc.id, similarity, shared: sharedTerms(target.vector, doc.vector, SHARED_TERMS) }));
}
