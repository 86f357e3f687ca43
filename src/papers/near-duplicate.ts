/**
 * Near-duplicates: the same paper seen again with a slightly different title (a typo, another
 * subtitle separator, a dropped or extra word) and an agreeing abstract. The store cannot compare a
 * new paper with every paper it holds, so it indexes {@link blockingKeys} and runs
 * {@link isNearDuplicate} only on the papers that share a key with the newcomer.
 */
import { createHash } from "node:crypto";
import { mainTitle, normalizeTitle } from "./identity.js";
import { containment, editSimilarity, jaccard, shingles } from "./similarity.js";
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
 * four-letter stems of the title words (typo-tolerant), `a`/`b` the first two eight-word windows of
 * the abstract (survive any retitling and truncation). Grammar words are skipped so a dropped "the"
 * changes nothing. Keys are hashes, cheap to index; sharing one only makes papers candidates.
 */
export function blockingKeys(p: PaperText): string[] {
  const words = contentTokens(normalizeTitle(p.title));
  const keys: string[] = [];
  if (words.length > 0) {
    keys.push(fingerprint("m", contentTokens(mainTitle(p.title))));
    keys.push(fingerprint("f", words.slice(0, 3)));
    keys.push(fingerprint("l", words.slice(-3)));
    keys.push(fingerprint("s", stems(words.filter((w) => w.length >= 5))));
  }
  const abstract = abstractTokens(p.abstract).filter((t) => !FUNCTION_WORDS_SET.has(t));
  for (const [index, kind] of ["a", "b"].entries()) {
    const window = abstract.slice(index * KEY_WINDOW, (index + 1) * KEY_WINDOW);
    if (window.length === KEY_WINDOW) keys.push(fingerprint(kind, stems(window)));
  }
  return [...new Set(keys)];
}

/** The numbers in a title, sorted: "Lightning Attention-2" must never merge with "Lightning Attention". */
function numbersOf(normalized: string): string {
  return (normalized.match(/\d+/g) ?? []).sort().join(",");
}

/** How alike two titles are, with the evidence the decision needs. */
export interface TitleComparison {
  /** 1 − normalised edit distance of the normalised titles. */
  chars: number;
  /** Jaccard of the titles' content words. */
  words: number;
  /** Both have the same non-empty main title (the part before the subtitle). */
  sameMain: boolean;
  /** Both mention the same numbers (versions, sizes): a difference vetoes any match. */
  sameNumbers: boolean;
}

export function compareTitles(a: string, b: string): TitleComparison {
  const na = normalizeTitle(a).slice(0, MAX_TITLE_CHARS);
  const nb = normalizeTitle(b).slice(0, MAX_TITLE_CHARS);
  const mainA = contentTokens(mainTitle(a)).join(" ");
  return {
    chars: editSimilarity(na, nb),
    words: jaccard(new Set(contentTokens(na)), new Set(contentTokens(nb))),
    sameMain: mainA.length > 0 && mainA === contentTokens(mainTitle(b)).join(" "),
    sameNumbers: numbersOf(na) === numbersOf(nb),
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
 * similar titles (edit or word similarity ≥ {@link TITLE_THRESHOLD}, or the same main title) AND
 * agreeing abstracts (≥ {@link ABSTRACT_THRESHOLD}). With an empty or stub abstract only a
 * typo-sized title difference (≥ {@link TITLE_ONLY_THRESHOLD}) passes. Titles mentioning different
 * numbers never match. Bounded: titles and abstracts are capped before comparing.
 */
export function isNearDuplicate(a: PaperText, b: PaperText): boolean {
  if (normalizeTitle(a.title).length === 0 || normalizeTitle(b.title).length === 0) return false;
  const title = compareTitles(a.title, b.title);
  const abstract = abstractSimilarity(a.abstract, b.abstract);
  if (abstract === null) return title.sameNumbers && title.chars >= TITLE_ONLY_THRESHOLD;
  const titlesAgree = Math.max(title.chars, title.words) >= TITLE_THRESHOLD || title.sameMain;
  const needed = title.sameNumbers ? ABSTRACT_THRESHOLD : ABSTRACT_THRESHOLD_NUMBERS_DIFFER;
  return titlesAgree && abstract >= needed;
}
