import { STOPWORDS } from "../papers/stopwords.js";
import { analyze } from "./analyzer.js";
import type { Clause, Term } from "./query.js";

/** Estimated share (0–1) of papers that contain a stemmed term; lower means a better anchor. */
export type TermFrequency = (stem: string) => number;

/**
 * Terms such that every paper a query matches contains at least one of them (`terms` exactly,
 * or a term starting with one of `prefixes`). Indexing a subscription under its anchors lets the
 * matcher skip it for every paper that has none. `cost` is the estimated share of papers that
 * would reach full verification.
 */
export interface Anchors {
  readonly terms: readonly string[];
  readonly prefixes: readonly string[];
  readonly cost: number;
}

let commonStems: ReadonlySet<string> | null = null;

/** Without statistics, a term looks rarer the longer it is; grammar and abstract boilerplate look common. */
export const lengthFrequency: TermFrequency = (stem) => {
  commonStems ??= new Set(analyze([...STOPWORDS].join(" ")));
  if (commonStems.has(stem)) return 0.9;
  return Math.min(0.5, 1.5 / (stem.length * stem.length));
};

function prefixCost(prefix: string, frequency: TermFrequency): number {
  return Math.min(1, 4 * frequency(prefix) + 1 / (1 + prefix.length * prefix.length));
}

function termAnchors(term: Term, frequency: TermFrequency): Anchors {
  let best: Anchors | null = null;
  const last = term.stems.length - 1;
  term.stems.forEach((stem, i) => {
    const candidate: Anchors =
      i === last && term.prefix
        ? { terms: [], prefixes: [stem], cost: prefixCost(stem, frequency) }
        : { terms: [stem], prefixes: [], cost: frequency(stem) };
    if (best === null || candidate.cost < best.cost) best = candidate;
  });
  return best ?? { terms: [], prefixes: [], cost: 1 };
}

/** The cheapest anchors for a clause, or null when it has none (it must then always be checked). */
export function anchorsOf(clause: Clause, frequency: TermFrequency = lengthFrequency): Anchors | null {
  switch (clause.kind) {
    case "term":
      return termAnchors(clause, frequency);
    case "all": {
      let best: Anchors | null = null;
      for (const included of clause.include) {
        const candidate = anchorsOf(included, frequency);
        if (candidate !== null && (best === null || candidate.cost < best.cost)) best = candidate;
      }
      return best;
    }
    case "any": {
      const terms: string[] = [];
      const prefixes: string[] = [];
      let cost = 0;
      for (const option of clause.options) {
        const anchors = anchorsOf(option, frequency);
        if (anchors === null) return null;
        terms.push(...anchors.terms);
        prefixes.push(...anchors.prefixes);
        cost += anchors.cost;
      }
      return { terms: [...new Set(terms)], prefixes: [...new Set(prefixes)], cost: Math.min(1, cost) };
    }
  }
}
