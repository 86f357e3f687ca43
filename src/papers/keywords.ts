/**
 * Keywords for a paper card and for subscription hints: deterministic, explainable picks from the
 * title and abstract (no model), so a card renders the same on every run.
 */
import { GENERIC_WORDS, STOPWORDS } from "./stopwords.js";

/** A title word weighs as much as this many abstract occurrences: titles name the topic. */
const TITLE_WEIGHT = 3;
/** Phrases of two words beat single words of the same frequency: "homomorphic encryption" > "encryption". */
const PHRASE_BONUS = 1.5;
/** Below this score a term is incidental. */
const MIN_SCORE = 3;

/** Words as written: letters and digits, with inner hyphens, dots and pluses kept ("LLM.int8", "C++"). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}+]*(?:[-.][\p{L}\p{N}]+)*\+*/gu;
/** The same scanner for text without a non-ASCII character, where letters and digits are A–Z, a–z, 0–9. */
const ASCII_WORD = /[A-Za-z0-9][A-Za-z0-9+]*(?:[-.][A-Za-z0-9]+)*\+*/g;
const ASCII = /^[\x00-\x7F]*$/;
/** A word of letters with at most its first one a capital: never an acronym, and it has a letter. */
const PLAIN = /^[A-Za-z][a-z]*$/;

/**
 * Acronyms and model names keep their case: a part with two or more capitals ("CROMA", "LLMs",
 * "MoleBLEND", "MatMul-free"), a capital with a digit ("DistZO2"), or a "+" ("C++"). Title-case
 * compounds ("Hardware-Efficient") are ordinary words and are lower-cased.
 */
function isAcronym(word: string): boolean {
  if (word.includes("+")) return true;
  return word.split(/[-.]/).some((part) => {
    const capitals = part.match(/\p{Lu}/gu)?.length ?? 0;
    return capitals >= 2 || (capitals >= 1 && /\d/.test(part));
  });
}

/** The canonical spelling: acronyms as written minus a plural "s" ("LLMs" → "LLM"), others lower-case. */
function canonical(word: string): string {
  if (PLAIN.test(word) || !isAcronym(word)) return word.toLowerCase();
  return /^\p{Lu}{2,}s$/u.test(word) ? word.slice(0, -1) : word;
}

/**
 * What a word is depends on the word alone, and a field's vocabulary repeats across its papers: its
 * canonical form and whether it is a content word are remembered (a bounded map, started over when full).
 */
function memo<T>(compute: (word: string) => T): (word: string) => T {
  const known = new Map<string, T>();
  return (word) => {
    let value = known.get(word);
    if (value === undefined) {
      if (known.size >= MEMO_WORDS) known.clear();
      value = compute(word);
      known.set(word, value);
    }
    return value;
  };
}
const MEMO_WORDS = 20_000;
const canonicalOf = memo(canonical);

function words(text: string): string[] {
  const plain = text.includes("http") ? text.replace(/https?:\/\/\S+/g, " ") : text;
  const found = plain.match(ASCII.test(plain) ? ASCII_WORD : WORD) ?? [];
  return found.map(canonicalOf);
}

const isContent = memo(
  (word: string): boolean => word.length >= 3 && (PLAIN.test(word) || /\p{L}/u.test(word)) && !STOPWORDS.has(word.toLowerCase()),
);

/** Singular, for comparing terms only: "networks" repeats "network". */
const stem = (word: string): string => word.toLowerCase().replace(/(?<=[^s]{3})s$/, "");

interface Candidate {
  term: string;
  score: number;
  /** Position of first sight (title before abstract), for deterministic tie-breaking. */
  first: number;
}

/** Scores single words and two-word phrases of content words, title occurrences weighted up. */
function score(title: string[], abstract: string[]): Map<string, Candidate> {
  const candidates = new Map<string, Candidate>();
  const add = (term: string, weight: number, position: number): void => {
    const known = candidates.get(term);
    if (known === undefined) candidates.set(term, { term, score: weight, first: position });
    else known.score += weight;
  };
  const scan = (tokens: string[], weight: number, offset: number): void => {
    const content = tokens.map(isContent);
    tokens.forEach((word, i) => {
      if (!content[i]) return;
      if (!GENERIC_WORDS.has(word)) add(word, weight * (!PLAIN.test(word) && isAcronym(word) ? 2 : 1), offset + i);
      const next = tokens[i + 1];
      if (next !== undefined && content[i + 1] === true) add(`${word} ${next}`, weight * PHRASE_BONUS, offset + i);
    });
  };
  scan(title, TITLE_WEIGHT, 0);
  scan(abstract, 1, title.length);
  return candidates;
}

/** True when either term contains the other as whole words ("encryption" in "homomorphic encryption"). */
function overlaps(a: string, b: string): boolean {
  const wa = a.split(" ").map(stem);
  const wb = b.split(" ").map(stem);
  return wa.some((w) => wb.includes(w));
}

/**
 * Up to `max` keywords: acronyms and model names from the title first (as written), then the
 * best-scoring words and two-word phrases, title words counting {@link TITLE_WEIGHT}× and phrases a
 * bonus. Lower-cased except acronyms, stopwords never, no term that repeats a word of a chosen one.
 */
export function extractKeywords(title: string, abstract: string, max = 5): string[] {
  if (max <= 0) return [];
  const titleWords = words(title);
  const candidates = [...score(titleWords, words(abstract)).values()]
    .filter((c) => c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.first - b.first || a.term.localeCompare(b.term));
  const titleAcronyms = titleWords.filter((w) => isAcronym(w) && isContent(w));
  const chosen: string[] = [];
  for (const term of [...titleAcronyms, ...candidates.map((c) => c.term)]) {
    if (chosen.length >= max) break;
    if (!chosen.some((c) => overlaps(c, term))) chosen.push(term);
  }
  return chosen;
}
