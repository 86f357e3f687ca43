/**
 * Sentence splitting for abstracts. A naive split on ". " cuts "et al. (2023)", "e.g. TPUs" and
 * "vs. GPT-4" into fragments, which would then be picked as a "sentence" for the summary.
 */

/** Abbreviations that end with a period but rarely end a sentence (lower-cased, without the dot). */
const ABBREVIATIONS = new Set([
  "e.g", "i.e", "al", "etc", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "tab", "no", "nos",
  "approx", "resp", "w.r.t", "dr", "mr", "ms", "prof", "inc", "ltd", "ref", "refs", "viz", "vol",
  "pp", "esp", "incl", "excl", "avg", "e.t.c",
]);

/** A candidate end: terminal punctuation, optional closing quotes/brackets, whitespace. */
const CANDIDATE_END = /[.!?]+["')\]\u201D\u2019]*\s+/g;

/** The word just before a period, with internal dots kept ("e.g", "w.r.t"). */
function wordBefore(text: string, periodIndex: number): string {
  let start = periodIndex;
  while (start > 0 && /[\p{L}\p{N}.]/u.test(text.charAt(start - 1))) start--;
  return text.slice(start, periodIndex);
}

function isAbbreviation(text: string, periodIndex: number): boolean {
  const word = wordBefore(text, periodIndex).toLowerCase();
  // Dotted abbreviations ("U.S.", "a.k.a."); a lone letter ("of size N.") does end sentences.
  return ABBREVIATIONS.has(word) || /^(\p{L}\.)+\p{L}$/u.test(word);
}

/**
 * Splits text into sentences at `.`, `!` or `?` followed by whitespace and then a capital letter,
 * digit or opening bracket/quote, unless the period ends a known abbreviation or an initial.
 * Decimals ("1.8%") and URLs never split because no whitespace follows their dots.
 */
export function splitSentences(text: string): string[] {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length === 0) return [];
  const sentences: string[] = [];
  let start = 0;
  for (const match of flat.matchAll(CANDIDATE_END)) {
    const end = match.index + match[0].length;
    const next = flat.charAt(end);
    if (!/[\p{Lu}\p{N}("'\u201C[]/u.test(next)) continue;
    if (match[0].startsWith(".") && match[0].length <= 2 && isAbbreviation(flat, match.index)) continue;
    sentences.push(flat.slice(start, end).trim());
    start = end;
  }
  const rest = flat.slice(start).trim();
  if (rest.length > 0) sentences.push(rest);
  return sentences;
}
