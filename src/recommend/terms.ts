/**
 * The features of a paper for recommendation: porter stems of its title and abstract words (the
 * search index's own tokenizer and stemmer, so "quantized" and "quantization" are one feature),
 * with grammar and abstract boilerplate dropped, plus each pair of neighbouring kept words as a
 * bigram ("post train"). Title and abstract are scanned apart so no bigram spans the two.
 */
import { STOPWORDS } from "../papers/stopwords.js";
import { stem, tokenize } from "../search/analyzer.js";

/** One occurrence of a feature and how it was written, so replies can show "quantization", not "quantiz". */
export interface TermOccurrence {
  term: string;
  surface: string;
}

const NUMBER = /^[0-9]+$/u;

/** A token that can carry a topic: two characters or more, not a bare number, not a stopword. */
function isFeatureWord(token: string): boolean {
  return token.length >= 2 && !NUMBER.test(token) && !STOPWORDS.has(token);
}

function scan(text: string, into: TermOccurrence[]): void {
  let previous: TermOccurrence | null = null;
  for (const token of tokenize(text)) {
    // As in scikit-learn's analyzer, bigrams are formed over the kept words.
    if (!isFeatureWord(token)) continue;
    const word: TermOccurrence = { term: stem(token), surface: token };
    into.push(word);
    if (previous !== null) into.push({ term: `${previous.term} ${word.term}`, surface: `${previous.surface} ${word.surface}` });
    previous = word;
  }
}

/** Every unigram and bigram occurrence of a paper, title first. */
export function termOccurrences(title: string, abstract: string): TermOccurrence[] {
  const occurrences: TermOccurrence[] = [];
  scan(title, occurrences);
  scan(abstract, occurrences);
  return occurrences;
}

/** Feature → count, the raw term frequencies of one paper. */
export function termCounts(title: string, abstract: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { term } of termOccurrences(title, abstract)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
