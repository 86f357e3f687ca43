/**
 * Near-duplicates: the same paper seen again with a slightly different title (a typo, another
 * subtitle separator, a dropped or extra word) and an agreeing abstract. The store cannot compare a
 * new paper with every paper it holds, so it indexes {@link blockingKeys} and runs
 * {@link isNearDuplicate} only on the papers that share a key with the newcomer.
 */
import { editDistanceAtMost, editSimilarity, jaccard, containment } from "./similarity.js";
import {
  abstractTokens,
  cachedTitleParts,
  prepareText,
  setContainment,
  titlePartsOf,
  tokenContainment,
  tripleSet,
  MIN_ABSTRACT_TOKENS,
  type PaperText,
  type PreparedText,
  type TitleParts,
} from "./prepared.js";

export type { PaperText };

/** Both must hold (title, or equal main title, and abstract) when both abstracts are informative. */
export const TITLE_THRESHOLD = 0.7;
export const ABSTRACT_THRESHOLD = 0.6;
/** Abstract agreement needed when the titles mention different numbers ("Foo-2" is usually not "Foo"). */
export const ABSTRACT_THRESHOLD_NUMBERS_DIFFER = 0.9;
/** Title similarity needed when an abstract is missing or truncated to a stub: a typo, no more. */
export const TITLE_ONLY_THRESHOLD = 0.9;
/**
 * Below this abstract agreement two informative abstracts describe different papers, even under
 * the very same title (distinct sample papers stay under 0.3; a truncated or re-wrapped copy of one
 * abstract scores near 1).
 */
export const ABSTRACT_CONFLICT_BELOW = 0.3;

/**
 * A handful (at most six) of short keys such that two near-duplicates share at least one:
 * `m` the main title before the subtitle, `f`/`l` the first/last three title words, `s` the
 * four-letter stems of the longer title words (typo-tolerant), `a`/`b` the first two eight-word
 * windows of the abstract (they survive retitling and truncation). Grammar words are skipped so a
 * dropped "the" changes nothing. Keys are hashes, cheap to index; sharing one only makes papers
 * candidates. `f` and `l` can be broad ("… large language models"), so a store may cap how many
 * candidates it takes per key; the other keys are specific.
 */
export function blockingKeys(p: PaperText): string[] {
  return prepareText(p).keys;
}

/** How alike two titles are, with the evidence the decision needs. */
export interface TitleComparison {
  /** 1 − normalised edit distance of the normalised titles. */
  chars: number;
  /** Jaccard of the titles' content words. */
  words: number;
  /** Share of the shorter title's content words found in the longer one (a dropped word keeps 1). */
  wordsContained: number;
  /** Both have the same non-empty main title (the part before the subtitle). */
  sameMain: boolean;
  /** Both mention the same numbers (versions, sizes); when not, only near-identical abstracts match. */
  sameNumbers: boolean;
}

/** Edit similarity ≥ `threshold`, by a banded edit distance that gives up early. */
function charsReach(a: string, b: string, threshold: number): boolean {
  // 1 − d / longer ≥ threshold  ⇔  d ≤ (1 − threshold) · longer (the epsilon absorbs float error).
  const limit = Math.floor((1 - threshold) * Math.max(a.length, b.length) + 1e-9);
  return editDistanceAtMost(a, b, limit);
}

/** Every measure {@link isNearDuplicate} weighs, for diagnostics and calibration. */
export function compareTitles(a: string, b: string): TitleComparison {
  const pa = titlePartsOf(a);
  const pb = titlePartsOf(b);
  return {
    chars: editSimilarity(pa.normalized, pb.normalized),
    words: jaccard(pa.words, pb.words),
    wordsContained: containment(pa.words, pb.words),
    sameMain: pa.main.length > 0 && pa.main === pb.main,
    sameNumbers: pa.numbers === pb.numbers,
  };
}

/**
 * How much the shorter abstract's word triples appear in the longer one (0..1), or null when either
 * is too short to count as evidence. Containment, not Jaccard, so a truncated copy still scores ~1.
 */
export function abstractSimilarity(a: string, b: string): number | null {
  return tokenContainment(abstractTokens(a), abstractTokens(b));
}

/** The title test of {@link isNearDuplicate}: close enough that the abstracts must decide. */
function titlesAgree(pa: TitleParts, pb: TitleParts): boolean {
  if (pa.normalized.length === 0 || pb.normalized.length === 0) return false;
  // Cheapest first; the main titles (an NFKC pass and a subtitle search) only when nothing else agrees.
  if (Math.max(jaccard(pa.words, pb.words), containment(pa.words, pb.words)) >= TITLE_THRESHOLD) return true;
  if (charsReach(pa.normalized, pb.normalized, TITLE_THRESHOLD)) return true;
  return pa.main.length > 0 && pa.main === pb.main;
}

/** The decision once the titles agree, given the abstracts' agreement (null: one says too little). */
function decide(pa: TitleParts, pb: TitleParts, abstract: number | null): boolean {
  const sameNumbers = pa.numbers === pb.numbers;
  if (abstract === null) return sameNumbers && charsReach(pa.normalized, pb.normalized, TITLE_ONLY_THRESHOLD);
  return abstract >= (sameNumbers ? ABSTRACT_THRESHOLD : ABSTRACT_THRESHOLD_NUMBERS_DIFFER);
}

/**
 * Whether two papers are one paper despite different renderings. With both abstracts informative:
 * similar titles (edit similarity, word Jaccard or word containment ≥ {@link TITLE_THRESHOLD}, or
 * the same main title) AND agreeing abstracts (≥ {@link ABSTRACT_THRESHOLD}; ≥
 * {@link ABSTRACT_THRESHOLD_NUMBERS_DIFFER} when the titles mention different numbers). With an
 * empty or stub abstract, only a typo-sized title difference (≥ {@link TITLE_ONLY_THRESHOLD}) with
 * the same numbers passes. Bounded: titles and abstracts are capped, and the title test, which
 * rejects most candidates, runs before the abstract comparison.
 */
export function isNearDuplicate(a: PaperText, b: PaperText): boolean {
  return new NearDuplicateProbe(prepareText(b)).matches(a);
}

/**
 * One newcomer compared with many stored candidates: its side of every comparison (title parts,
 * abstract word triples) is worked out once, and a candidate's abstract is read only when its
 * title passes. Decides exactly as {@link isNearDuplicate}.
 */
export class NearDuplicateProbe {
  private readonly ids = new Map<string, number>();
  private readonly title: TitleParts;
  private ownTokens: readonly string[] | undefined;
  private ownTriples: Set<number> | undefined;

  /**
   * From a paper's prepared text, or from its title parts and abstract alone: the abstract's tokens
   * and word triples are then worked out only when a candidate's title agrees, which for most
   * newcomers is never.
   */
  constructor(prepared: PreparedText);
  constructor(title: TitleParts, abstract: string);
  constructor(
    preparedOrTitle: PreparedText | TitleParts,
    private readonly abstract: string = "",
  ) {
    if ("tokens" in preparedOrTitle) {
      this.title = preparedOrTitle.title;
      this.ownTokens = preparedOrTitle.tokens;
    } else {
      this.title = preparedOrTitle;
    }
  }

  private get tokens(): readonly string[] {
    return (this.ownTokens ??= abstractTokens(this.abstract));
  }

  private get triples(): Set<number> {
    return (this.ownTriples ??= tripleSet(this.tokens, new Map(), this.ids));
  }

  matches(candidate: PaperText): boolean {
    return this.matchesTitled(candidate.title, () => candidate.abstract);
  }

  /** As `matches`, reading the candidate's abstract only when its title is close enough to need it. */
  matchesTitled(title: string, abstract: () => string): boolean {
    const mine = this.title;
    const theirs = cachedTitleParts(title);
    if (!titlesAgree(theirs, mine)) return false;
    const tokens = abstractTokens(abstract());
    const informative = Math.min(tokens.length, this.tokens.length) >= MIN_ABSTRACT_TOKENS;
    if (!informative) return decide(theirs, mine, null);
    const own = this.triples;
    return decide(theirs, mine, setContainment(tripleSet(tokens, this.ids), own));
  }
}

/** Whether two informative abstracts disagree so much that one title cannot make them one paper. */
export function abstractsConflict(a: PaperText, b: PaperText): boolean {
  const similarity = abstractSimilarity(a.abstract, b.abstract);
  return similarity !== null && similarity < ABSTRACT_CONFLICT_BELOW;
}
