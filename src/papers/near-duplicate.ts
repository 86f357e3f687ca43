/**
 * Near-duplicates: the same paper seen again with a slightly different title (a typo, another
 * subtitle separator, a dropped or extra word) and an agreeing abstract. The store cannot compare a
 * new paper with every paper it holds, so it indexes {@link blockingKeys} and runs
 * {@link isNearDuplicate} only on the papers that share a key with the newcomer.
 */
import { createHash } from "node:crypto";
import { mainTitle, normalizeTitle } from "./identity.js";
import { containment, editDistanceAtMost, editSimilarity, jaccard, shingles } from "./similarity.js";
import { FUNCTION_WORDS_SET } from "./stopwords.js";

/** What near-duplicate detection reads of a paper. */
export interface PaperText {
  title: string;
  abstract: string;
}

/** Titles are compared on at most this many characters, so the edit distance stays cheap. */
const MAX_TITLE_CHARS = 256;
/** Abstracts are compared on at most this many leading tokens (longer abstracts agree by then). */
const MAX_ABSTRACT_TOKENS = 400;
/** Below this many tokens an abstract says too little to vouch for a match: the title decides alone. */
const MIN_ABSTRACT_TOKENS = 12;
/** Word windows used to compare abstracts: long enough to be specific, short enough to survive typos. */
const SHINGLE_SIZE = 3;

/** Both must hold (title, or equal main title, and abstract) when both abstracts are informative. */
export const TITLE_THRESHOLD = 0.7;
export const ABSTRACT_THRESHOLD = 0.6;
/** Abstract agreement needed when the titles mention different numbers ("Foo-2" is usually not "Foo"). */
export const ABSTRACT_THRESHOLD_NUMBERS_DIFFER = 0.9;
/** Title similarity needed when an abstract is missing or truncated to a stub: a typo, no more. */
export const TITLE_ONLY_THRESHOLD = 0.9;

const KEY_WINDOW = 8;

function contentTokens(normalized: string): string[] {
  return normalized.split(" ").filter((t) => t.length > 0 && !FUNCTION_WORDS_SET.has(t));
}

function abstractTokens(abstract: string): string[] {
  const tokens = normalizeTitle(abstract.slice(0, MAX_ABSTRACT_TOKENS * 16)).split(" ");
  return tokens.filter((t) => t.length > 0).slice(0, MAX_ABSTRACT_TOKENS);
}

/** Four-letter stems of the first few words: a typo past the fourth letter leaves them intact. */
function stems(words: readonly string[]): string[] {
  return words.slice(0, KEY_WINDOW).map((w) => w.slice(0, 4));
}

function fingerprint(kind: string, tokens: readonly string[]): string {
  const digest = createHash("sha256").update(tokens.join(" ")).digest("base64url");
  return `${kind}:${digest.slice(0, 12)}`;
}

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
  const keys = new Set<string>();
  const add = (kind: string, tokens: readonly string[]): void => {
    if (tokens.length > 0) keys.add(fingerprint(kind, tokens));
  };
  const words = contentTokens(normalizeTitle(p.title));
  if (words.length > 0) {
    add("m", contentTokens(mainTitle(p.title)));
    add("f", words.slice(0, 3));
    add("l", words.slice(-3));
    add("s", stems(words.filter((w) => w.length >= 5)));
  }
  const abstract = abstractTokens(p.abstract).filter((t) => !FUNCTION_WORDS_SET.has(t));
  for (const [index, kind] of ["a", "b"].entries()) {
    const window = abstract.slice(index * KEY_WINDOW, (index + 1) * KEY_WINDOW);
    if (window.length === KEY_WINDOW) add(kind, stems(window));
  }
  return [...keys];
}

/** The numbers in a title, sorted: "Lightning Attention-2" is rarely "Lightning Attention". */
function numbersOf(normalized: string): string {
  return (normalized.match(/\d+/g) ?? []).sort().join(",");
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

/** What the comparisons read of one title, computed once per title. */
interface TitleParts {
  normalized: string;
  words: Set<string>;
  main: string;
  numbers: string;
}

function titleParts(title: string): TitleParts {
  const normalized = normalizeTitle(title).slice(0, MAX_TITLE_CHARS);
  return {
    normalized,
    words: new Set(contentTokens(normalized)),
    main: contentTokens(mainTitle(title)).join(" "),
    numbers: numbersOf(normalized),
  };
}

/** Edit similarity ≥ `threshold`, by a banded edit distance that gives up early. */
function charsReach(a: string, b: string, threshold: number): boolean {
  // 1 − d / longer ≥ threshold  ⇔  d ≤ (1 − threshold) · longer (the epsilon absorbs float error).
  const limit = Math.floor((1 - threshold) * Math.max(a.length, b.length) + 1e-9);
  return editDistanceAtMost(a, b, limit);
}

/** Every measure {@link isNearDuplicate} weighs, for diagnostics and calibration. */
export function compareTitles(a: string, b: string): TitleComparison {
  const pa = titleParts(a);
  const pb = titleParts(b);
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
  const ta = abstractTokens(a);
  const tb = abstractTokens(b);
  if (Math.min(ta.length, tb.length) < MIN_ABSTRACT_TOKENS) return null;
  return containment(shingles(ta, SHINGLE_SIZE), shingles(tb, SHINGLE_SIZE));
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
  const pa = titleParts(a.title);
  const pb = titleParts(b.title);
  if (pa.normalized.length === 0 || pb.normalized.length === 0) return false;
  const wordsAgree =
    Math.max(jaccard(pa.words, pb.words), containment(pa.words, pb.words)) >= TITLE_THRESHOLD ||
    (pa.main.length > 0 && pa.main === pb.main);
  if (!wordsAgree && !charsReach(pa.normalized, pb.normalized, TITLE_THRESHOLD)) return false;
  const sameNumbers = pa.numbers === pb.numbers;
  const abstract = abstractSimilarity(a.abstract, b.abstract);
  if (abstract === null) return sameNumbers && charsReach(pa.normalized, pb.normalized, TITLE_ONLY_THRESHOLD);
  return abstract >= (sameNumbers ? ABSTRACT_THRESHOLD : ABSTRACT_THRESHOLD_NUMBERS_DIFFER);
}
