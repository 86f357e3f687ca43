/**
 * TF-IDF over the features of {@link termCounts}: sublinear term frequency (1 + ln tf), smoothed
 * inverse document frequency (ln((1 + N) / (1 + df)) + 1, as scikit-learn), L2-normalised. A
 * paper's counts are computed once (and can be cached by whoever stores papers); the vocabulary
 * only keeps document frequencies, so vectors follow the history as it grows without a rebuild.
 */
import { termOccurrences } from "./terms.js";

/** A sparse vector: term ids ascending, values beside them. Recommendation vectors have length 1. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly values: Float32Array;
}

/** A paper's raw term frequencies by term id: what is worth caching per paper. */
export interface TermCounts {
  readonly ids: Int32Array;
  readonly counts: Uint16Array;
}

/** Term ids, how each term was first written, and in how many papers each occurs. */
export class Vocabulary {
  private readonly idOf = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly surfaces: string[] = [];
  private df = new Int32Array(1024);
  private documents = 0;

  /** Number of papers observed. */
  get size(): number {
    return this.documents;
  }

  /** The id of a term, registering it (with the spelling shown to people) the first time. */
  private intern(term: string, surface: string): number {
    const known = this.idOf.get(term);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.idOf.set(term, id);
    this.terms.push(term);
    this.surfaces.push(surface);
    if (id >= this.df.length) {
      const grown = new Int32Array(this.df.length * 2);
      grown.set(this.df);
      this.df = grown;
    }
    return id;
  }

  /** The id of a known term, or undefined. */
  idOfTerm(term: string): number | undefined {
    return this.idOf.get(term);
  }

  /** A paper's term counts; new terms are registered, document frequencies are not touched. */
  countsOf(title: string, abstract: string): TermCounts {
    const counts = new Map<number, number>();
    for (const { term, surface } of termOccurrences(title, abstract)) {
      const id = this.intern(term, surface);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const ids = Int32Array.from(counts.keys()).sort();
    return { ids, counts: Uint16Array.from(ids, (id) => Math.min(counts.get(id) ?? 0, 0xffff)) };
  }

  /** Counts a paper into the document frequencies. */
  observe(counts: TermCounts): void {
    for (const id of counts.ids) this.df[id] = (this.df[id] ?? 0) + 1;
    this.documents += 1;
  }

  /** Undoes {@link observe}, for a paper whose text changed. */
  forget(counts: TermCounts): void {
    for (const id of counts.ids) this.df[id] = Math.max(0, (this.df[id] ?? 0) - 1);
    this.documents = Math.max(0, this.documents - 1);
  }

  /** Registers and observes a paper in one step: its counts. */
  add(title: string, abstract: string): TermCounts {
    const counts = this.countsOf(title, abstract);
    this.observe(counts);
    return counts;
  }

  idf(id: number): number {
    return Math.log((1 + this.documents) / (1 + (this.df[id] ?? 0))) + 1;
  }

  /** How the term was first written ("quantization" for the stem "quantiz"). */
  surface(id: number): string {
    return this.surfaces[id] ?? "";
  }

  /** The stemmed form the features use. */
  term(id: number): string {
    return this.terms[id] ?? "";
  }

  /** The L2-normalised TF-IDF vector of a paper's counts under the current frequencies. */
  vector(counts: TermCounts): SparseVector {
    const values = new Float32Array(counts.ids.length);
    let norm = 0;
    for (let i = 0; i < values.length; i += 1) {
      const value = (1 + Math.log(counts.counts[i] ?? 1)) * this.idf(counts.ids[i] ?? 0);
      values[i] = value;
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) * scale;
    return { ids: counts.ids, values };
  }
}

/** Calls `visit` with each term two vectors share and the product of its weights (a merge over their sorted ids). */
function eachShared(a: SparseVector, b: SparseVector, visit: (id: number, product: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x === y) {
      visit(x, (a.values[i] ?? 0) * (b.values[j] ?? 0));
      i += 1;
      j += 1;
    } else if (x < y) {
      i += 1;
    } else {
      j += 1;
    }
  }
}

/** Dot product of two sparse vectors; their cosine when both have length 1. */
export function dot(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  eachShared(a, b, (_id, product) => {
    sum += product;
  });
  return sum;
}

/** The terms two vectors share, by their contribution to the cosine, largest first. */
export function sharedTerms(a: SparseVector, b: SparseVector, max: number): number[] {
  const shared: { id: number; weight: number }[] = [];
  eachShared(a, b, (id, weight) => shared.push({ id, weight }));
  return shared
    .sort((p, q) => q.weight - p.weight || p.id - q.id)
    .slice(0, max)
    .map((s) => s.id);
}
