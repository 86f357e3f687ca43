import { STOPWORDS } from "../papers/stopwords.js";
import { analyze } from "./analyzer.js";
import type { Clause, Field, Term } from "./query.js";

/** Estimated share (0–1) of papers that contain a stemmed term; lower means a better anchor. */
export type TermFrequency = (stem: string) => number;

/** One word a matching paper must contain, in the term's column when it has a field. */
export interface AnchorWord {
  readonly stem: string;
  readonly prefix: boolean;
  readonly field: Field | null;
}

/**
 * Words such that every paper a query matches contains at least one of them. Filing a
 * subscription under its anchors lets the matcher skip it for every paper that has none. `cost` is
 * the estimated share of papers that would reach full verification.
 */
export interface Anchors {
  readonly words: readonly AnchorWord[];
  readonly cost: number;
}

let commonStems: ReadonlySet<string> | null = null;

/** Without statistics, a term looks rarer the longer it is; grammar and abstract boilerplate look common. */
export const lengthFrequency: TermFrequency = (stem) => {
  commonStems ??= new Set(analyze([...STOPWORDS].join(" ")));
  if (commonStems.has(stem)) return 0.9;
  return Math.min(0.5, 1.5 / (stem.length * stem.length));
};

/** How much a field narrows a word down: titles are short, abstracts hold most of the text. */
const FIELD_SHARE: Readonly<Record<Field, number>> = { title: 0.2, abstract: 0.9, author: 0.5, org: 0.5 };

function wordCost(word: AnchorWord, frequency: TermFrequency): number {
  const share = word.field === null ? 1 : FIELD_SHARE[word.field];
  const base = word.prefix
    ? Math.min(1, 4 * frequency(word.stem) + 1 / (1 + word.stem.length * word.stem.length))
    : frequency(word.stem);
  return share * base;
}

function termAnchors(term: Term, frequency: TermFrequency): Anchors {
  let best: Anchors = { words: [], cost: Infinity };
  const last = term.stems.length - 1;
  term.stems.forEach((stem, i) => {
    const word: AnchorWord = { stem, prefix: i === last && term.prefix, field: term.field };
    const cost = wordCost(word, frequency);
    if (cost < best.cost) best = { words: [word], cost };
  });
  return best;
}

/** The cheapest anchors for a clause, or null when it has none (it must then always be checked). */
export function anchorsOf(clause: Clause, frequency: TermFrequency = lengthFrequency): Anchors | null {
  switch (clause.kind) {
    case "term":
      return clause.stems.length === 0 ? null : termAnchors(clause, frequency);
    case "all": {
      let best: Anchors | null = null;
      for (const included of clause.include) {
        const candidate = anchorsOf(included, frequency);
        if (candidate !== null && (best === null || candidate.cost < best.cost)) best = candidate;
      }
      return best;
    }
    case "any": {
      const words: AnchorWord[] = [];
      let cost = 0;
      for (const option of clause.options) {
        const anchors = anchorsOf(option, frequency);
        if (anchors === null) return null;
        words.push(...anchors.words);
        cost += anchors.cost;
      }
      return { words, cost: Math.min(1, cost) };
    }
  }
}
