/**
 * A linear SVM (squared hinge loss, L2 regularised, with a bias feature) trained by dual
 * coordinate descent as in LIBLINEAR (Hsieh et al., 2008): each pass visits the examples in one
 * fixed, seeded order, so the same feedback always gives the same model. Each example carries its
 * own cost, which is how liked, disliked and unrated papers weigh differently.
 */
import type { SparseVector } from "./vectors.js";

/** One training example: a paper's vector, which side it is on, and how much a mistake on it costs. */
export interface Example {
  vector: SparseVector;
  label: 1 | -1;
  cost: number;
}

/** Weights of the terms the training papers contain (others weigh 0) and a bias. */
export interface LinearModel {
  readonly weights: ReadonlyMap<number, number>;
  readonly bias: number;
}

export interface TrainOptions {
  /** Passes over the examples at most. */
  maxPasses?: number;
  /** Stop when no projected gradient exceeds this. */
  tolerance?: number;
  /** Seed of the visiting order. */
  seed?: number;
}

/** The bias is a constant feature of this value, as LIBLINEAR's `-B 1`. */
const BIAS_FEATURE = 1;

/** A small deterministic PRNG (mulberry32): the order of coordinate descent. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(length: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}

/** The model's raw score for a vector: w·x + b. */
export function score(model: LinearModel, vector: SparseVector): number {
  let sum = model.bias * BIAS_FEATURE;
  for (let i = 0; i < vector.ids.length; i += 1) sum += (model.weights.get(vector.ids[i] ?? 0) ?? 0) * (vector.values[i] ?? 0);
  return sum;
}

/** Each example's term ids renumbered 0…n−1 over the terms the examples use, so weights are a small dense array. */
function localIds(examples: readonly Example[]): { local: Int32Array[]; global: Int32Array } {
  const index = new Map<number, number>();
  const local = examples.map(({ vector }) =>
    Int32Array.from(vector.ids, (id) => {
      let at = index.get(id);
      if (at === undefined) {
        at = index.size;
        index.set(id, at);
      }
      return at;
    }),
  );
  return { local, global: Int32Array.from(index.keys()) };
}

/**
 * Trains the SVM. The work is O(passes × non-zeros of the examples): it depends on how many
 * papers the caller trains on (a bounded sample), never on the size of the history.
 */
export function train(examples: readonly Example[], options: TrainOptions = {}): LinearModel {
  const { maxPasses = 50, tolerance = 0.1, seed = 1 } = options;
  const { local, global } = localIds(examples);
  const weights = new Float64Array(global.length);
  let bias = 0;
  const alpha = new Float64Array(examples.length);
  // Squared hinge: the dual gains a diagonal 1/(2C) and no upper bound.
  const diagonal = Float64Array.from(examples, (e) => 1 / (2 * e.cost));
  const qii = Float64Array.from(examples, (e, i) => {
    let sum = BIAS_FEATURE * BIAS_FEATURE;
    for (const v of e.vector.values) sum += v * v;
    return sum + (diagonal[i] ?? 0);
  });
  const random = prng(seed);
  for (let pass = 0; pass < maxPasses; pass += 1) {
    let largest = 0;
    for (const i of shuffled(examples.length, random)) {
      const example = examples[i];
      const ids = local[i];
      if (example === undefined || ids === undefined) continue;
      const { values } = example.vector;
      let margin = bias * BIAS_FEATURE;
      for (let k = 0; k < ids.length; k += 1) margin += (weights[ids[k] ?? 0] ?? 0) * (values[k] ?? 0);
      const a = alpha[i] ?? 0;
      const gradient = example.label * margin - 1 + (diagonal[i] ?? 0) * a;
      const projected = a === 0 ? Math.min(gradient, 0) : gradient;
      if (Math.abs(projected) > largest) largest = Math.abs(projected);
      if (projected === 0) continue;
      const next = Math.max(a - gradient / (qii[i] ?? 1), 0);
      const step = (next - a) * example.label;
      alpha[i] = next;
      for (let k = 0; k < ids.length; k += 1) {
        const at = ids[k] ?? 0;
        weights[at] = (weights[at] ?? 0) + step * (values[k] ?? 0);
      }
      bias += step * BIAS_FEATURE;
    }
    if (largest < tolerance) break;
  }
  const model = new Map<number, number>();
  global.forEach((id, at) => {
    const weight = weights[at] ?? 0;
    if (weight !== 0) model.set(id, weight);
  });
  return { weights: model, bias };
}
