/**
 * What near-duplicate detection reads of a paper, worked out once. Ingest meets each new paper
 * once but compares it with dozens of candidates, so the newcomer's normalised title, title words,
 * abstract tokens and word triples are computed a single time ({@link prepareText}), and each
 * candidate's only when its title is close enough for the abstract to matter.
 */
import { createHash } from "node:crypto";
import { mainTitle, normalizeTitle } from "./identity.js";
import { FUNCTION_WORDS_SET } from "./stopwords.js";

/** What near-duplicate detection reads of a paper. */
export interface PaperText {
  title: string;
  abstract: string;
}

/** Titles are compared on at most this many characters, so the edit distance stays cheap. */
export const MAX_TITLE_CHARS = 256;
/** Abstracts are compared on at most this many leading tokens (longer abstracts agree by then). */
const MAX_ABSTRACT_TOKENS = 400;
/** Below this many tokens an abstract says too little to vouch for a match: the title decides alone. */
export const MIN_ABSTRACT_TOKENS = 12;
/** Word windows of the blocking keys taken from the first words of the title and abstract. */
const KEY_WINDOW = 8;

/** What the title comparisons read of one title. */
export interface TitleParts {
  normalized: string;
  words: Set<string>;
  /** The main title's content words (NFKC and a subtitle search: worked out when first read). */
  readonly main: string;
  numbers: string;
}

export function contentTokens(normalized: string): string[] {
  const tokens = normalized.split(" ");
  const kept: string[] = [];
  for (const t of tokens) if (t.length > 0 && !FUNCTION_WORDS_SET.has(t)) kept.push(t);
  return kept;
}

/** The numbers in a title, sorted: "Lightning Attention-2" is rarely "Lightning Attention". */
function numbersOf(normalized: string): string {
  return (normalized.match(/\d+/g) ?? []).sort().join(",");
}

/** Title parts of stored papers met as candidates again and again (the first papers of a broad key). */
const partsCache = new Map<string, TitleParts>();
const CACHED_TITLES = 8_000;

/** The title parts of a stored title, remembered: they depend on the title alone. */
export function cachedTitleParts(title: string): TitleParts {
  let parts = partsCache.get(title);
  if (parts === undefined) {
    if (partsCache.size >= CACHED_TITLES) partsCache.clear();
    parts = titlePartsOf(title);
    partsCache.set(title, parts);
  }
  return parts;
}

/** The title parts of a title whose normal form is already known. */
export function titlePartsOf(title: string, fullyNormalized: string = normalizeTitle(title)): TitleParts {
  const normalized = fullyNormalized.slice(0, MAX_TITLE_CHARS);
  let main: string | undefined;
  return {
    normalized,
    words: new Set(contentTokens(normalized)),
    get main() {
      return (main ??= contentTokens(mainTitle(title)).join(" "));
    },
    numbers: numbersOf(normalized),
  };
}

/** The leading tokens of an abstract, normalised as titles are. */
export function abstractTokens(abstract: string): string[] {
  const tokens = normalizeTitle(abstract.slice(0, MAX_ABSTRACT_TOKENS * 16)).split(" ");
  const kept: string[] = [];
  for (const t of tokens) {
    if (t.length === 0) continue;
    kept.push(t);
    if (kept.length === MAX_ABSTRACT_TOKENS) break;
  }
  return kept;
}

/**
 * Word triples as numbers: each token gets a small id (from `ids`, the tokens of the abstract it is
 * compared with, else a new one in `own`) and a triple packs three ids into one number. Two capped
 * abstracts hold under 2048 distinct tokens, so distinct triples stay distinct: set sizes and
 * overlaps equal those of the word triples themselves.
 */
export function tripleSet(tokens: readonly string[], ids: ReadonlyMap<string, number>, own = new Map<string, number>()): Set<number> {
  const coded = new Int32Array(tokens.length);
  tokens.forEach((token, i) => {
    let id = ids.get(token) ?? own.get(token);
    if (id === undefined) {
      id = ids.size + own.size;
      own.set(token, id);
    }
    coded[i] = id;
  });
  const triples = new Set<number>();
  for (let i = 0; i + 3 <= coded.length; i += 1) {
    triples.add(((coded[i] ?? 0) * 2048 + (coded[i + 1] ?? 0)) * 2048 + (coded[i + 2] ?? 0));
  }
  return triples;
}

/** |A ∩ B| / min(|A|, |B|) of two number sets. */
export function setContainment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / small.size;
}

/** How much of the shorter of two token lists' word triples the other holds, or null below the minimum. */
export function tokenContainment(a: readonly string[], b: readonly string[]): number | null {
  if (Math.min(a.length, b.length) < MIN_ABSTRACT_TOKENS) return null;
  const ids = new Map<string, number>();
  const first = tripleSet(a, new Map(), ids);
  return setContainment(first, tripleSet(b, ids));
}

function fingerprint(kind: string, tokens: readonly string[]): string {
  const digest = createHash("sha256").update(tokens.join(" ")).digest("base64url");
  return `${kind}:${digest.slice(0, 12)}`;
}

/** Four-letter stems of the first few words: a typo past the fourth letter leaves them intact. */
function stems(words: readonly string[]): string[] {
  return words.slice(0, KEY_WINDOW).map((w) => w.slice(0, 4));
}

/** The blocking keys from a title's normal form, its main title's words and the abstract's tokens. */
export function keysOf(normalizedTitle: string, main: string, tokens: readonly string[]): string[] {
  const keys = new Set<string>();
  const add = (kind: string, list: readonly string[]): void => {
    if (list.length > 0) keys.add(fingerprint(kind, list));
  };
  const words = contentTokens(normalizedTitle);
  if (words.length > 0) {
    add("m", main === "" ? [] : main.split(" "));
    add("f", words.slice(0, 3));
    add("l", words.slice(-3));
    add("s", stems(words.filter((w) => w.length >= 5)));
  }
  const content = tokens.filter((t) => !FUNCTION_WORDS_SET.has(t));
  for (const [index, kind] of ["a", "b"].entries()) {
    const window = content.slice(index * KEY_WINDOW, (index + 1) * KEY_WINDOW);
    if (window.length === KEY_WINDOW) add(kind, stems(window));
  }
  return [...keys];
}

/** A paper's text worked out once: its normal form, title parts, abstract tokens and blocking keys. */
export interface PreparedText {
  normalizedTitle: string;
  title: TitleParts;
  tokens: string[];
  keys: string[];
}

/** Everything near-duplicate detection and the lookup keys need of a paper, in one pass over it. */
export function prepareText(p: PaperText): PreparedText {
  const normalizedTitle = normalizeTitle(p.title);
  const title = titlePartsOf(p.title, normalizedTitle);
  const tokens = abstractTokens(p.abstract);
  return { normalizedTitle, title, tokens, keys: keysOf(normalizedTitle, title.main, tokens) };
}
