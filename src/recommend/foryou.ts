/**
 * The per-person ranking: a linear SVM over TF-IDF vectors, trained on what the person said
 * (liked and saved papers positive, disliked ones strongly negative), a bounded sample of papers
 * they did not rate as weak negatives, and optionally their subscription matches as weak
 * positives — the arxiv-sanity-lite recipe. Each ranked paper comes with a reason a person can
 * check: the liked paper it is closest to, or the terms that weighed most for it.
 */
import { prng, score, train, type Example, type LinearModel } from "./classifier.js";
import { dot, type SparseVector } from "./vectors.js";

/** A paper as the ranking sees it. */
export interface Doc {
  id: number;
  vector: SparseVector;
}

/** Everything one person's ranking needs; the caller bounds `background` and `candidates`. */
export interface ForYouInput {
  /** Liked and saved papers. */
  positives: readonly Doc[];
  disliked: readonly Doc[];
  /** Papers the person's subscriptions matched and they did not rate: weak positives. */
  subscriptionMatches?: readonly Doc[];
  /** Unrated papers from the history (a bounded sample): weak negatives. */
  background: readonly Doc[];
  /** Papers to rank; rated ones are skipped. */
  candidates: readonly Doc[];
  limit: number;
}

/** Why a paper was ranked where it is. */
export type Reason = { kind: "like"; paperId: number; similarity: number } | { kind: "terms"; termIds: number[] };

export interface RankedPaper {
  id: number;
  score: number;
  reason: Reason;
}

export type ForYouResult =
  | { kind: "needMore"; positives: number; needed: number }
  | { kind: "ranked"; papers: RankedPaper[]; model: LinearModel };

/** Fewer liked or saved papers than this and there is nothing to learn from. */
export const MIN_POSITIVES = 3;
/** A ranked paper at least this close (cosine) to a liked one is explained by that paper. */
const LIKE_SIMILARITY = 0.15;
/** The regularisation constant: small, so a handful of positives cannot overfit their rarest words. */
const COST = 0.5;
/** A dislike is as strong a statement as a like: it costs as much as a liked paper. */
/** A subscription match weighs this fraction of a liked paper. */
const SUBSCRIPTION_WEIGHT = 0.25;
/** Terms shown when no liked paper explains a result. */
const REASON_TERMS = 8;

/** The training set with class-balanced costs (as scikit-learn's `class_weight="balanced"`). */
export function examplesFor(input: Omit<ForYouInput, "candidates" | "limit">): Example[] {
  const rated = new Set([...input.positives, ...input.disliked].map((d) => d.id));
  const weakPositive = (input.subscriptionMatches ?? []).filter((d) => !rated.has(d.id));
  const weakIds = new Set(weakPositive.map((d) => d.id));
  const unrated = input.background.filter((d) => !rated.has(d.id) && !weakIds.has(d.id));
  const positives = input.positives.length + SUBSCRIPTION_WEIGHT * weakPositive.length;
  const negatives = unrated.length;
  const total = positives + negatives;
  const positiveCost = (COST * total) / (2 * Math.max(positives, 1));
  const negativeCost = (COST * total) / (2 * Math.max(negatives, 1));
  return [
    ...input.positives.map((d): Example => ({ vector: d.vector, label: 1, cost: positiveCost })),
    ...weakPositive.map((d): Example => ({ vector: d.vector, label: 1, cost: positiveCost * SUBSCRIPTION_WEIGHT })),
    ...input.disliked.map((d): Example => ({ vector: d.vector, label: -1, cost: positiveCost })),
    ...unrated.map((d): Example => ({ vector: d.vector, label: -1, cost: negativeCost })),
  ];
}

/** Terms of `vector` by how much they raised its score, largest first (positive contributions only). */
export function contributingTerms(model: LinearModel, vector: SparseVector, max: number): number[] {
  const contributions: { id: number; weight: number }[] = [];
  for (let i = 0; i < vector.ids.length; i += 1) {
    const id = vector.ids[i] ?? 0;
    const weight = (model.weights.get(id) ?? 0) * (vector.values[i] ?? 0);
    if (weight > 0) contributions.push({ id, weight });
  }
  return contributions
    .sort((a, b) => b.weight - a.weight || a.id - b.id)
    .slice(0, max)
    .map((c) => c.id);
}

function reasonFor(model: LinearModel, vector: SparseVector, positives: readonly Doc[]): Reason {
  let best: Doc | undefined;
  let bestSimilarity = 0;
  for (const liked of positives) {
    const similarity = dot(liked.vector, vector);
    if (similarity > bestSimilarity || (similarity === bestSimilarity && best !== undefined && liked.id < best.id)) {
      best = liked;
      bestSimilarity = similarity;
    }
  }
  if (best !== undefined && bestSimilarity >= LIKE_SIMILARITY) return { kind: "like", paperId: best.id, similarity: bestSimilarity };
  return { kind: "terms", termIds: contributingTerms(model, vector, REASON_TERMS) };
}

/** Ranks candidates by a model already trained: highest score first, ties by newer (larger) id. */
export function rankWith(model: LinearModel, candidates: readonly Doc[], skip: ReadonlySet<number>, limit: number): { id: number; score: number }[] {
  const scored: { id: number; score: number; vector: SparseVector }[] = [];
  for (const doc of candidates) if (!skip.has(doc.id)) scored.push({ id: doc.id, score: score(model, doc.vector), vector: doc.vector });
  return scored.sort((a, b) => b.score - a.score || b.id - a.id).slice(0, Math.max(0, limit));
}

/** Trains this person's model and ranks the candidates, or says how many more positives it needs. */
export function forYou(input: ForYouInput): ForYouResult {
  if (input.positives.length < MIN_POSITIVES) {
    return { kind: "needMore", positives: input.positives.length, needed: MIN_POSITIVES - input.positives.length };
  }
  const model = train(examplesFor(input));
  const skip = new Set([...input.positives, ...input.disliked].map((d) => d.id));
  const vectors = new Map(input.candidates.map((d) => [d.id, d.vector]));
  const papers = rankWith(model, input.candidates, skip, input.limit).map(({ id, score: value }) => ({
    id,
    score: value,
    reason: reasonFor(model, vectors.get(id) ?? { ids: new Int32Array(0), values: new Float32Array(0) }, input.positives),
  }));
  return { kind: "ranked", papers, model };
}

/**
 * A stable sample of `max` distinct positions in [0, total) for one seed (Floyd's algorithm):
 * O(max) whatever the total, so a person's background papers cost the same at 1M papers as at 1k,
 * and the same person gets the same sample while the history does not change.
 */
export function samplePositions(total: number, max: number, seed: number): number[] {
  if (total <= max) return Array.from({ length: total }, (_, i) => i);
  const random = prng(seed);
  const chosen = new Set<number>();
  for (let j = total - max; j < total; j += 1) {
    const pick = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(pick) ? j : pick);
  }
  return [...chosen].sort((a, b) => a - b);
}
