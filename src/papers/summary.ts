/**
 * Extractive TL;DR for chat cards. Deterministic (no model) so the same abstract always renders the
 * same card, and bounded to {@link SUMMARY_MAX_CHARS} so it fits every platform's preview field.
 */
import { methodNames, NAME_SHAPE, trimLeadIn } from "./lead-in.js";
import { splitSentences } from "./sentences.js";

/** The longest TL;DR, in characters (code points): a post-sized preview. */
export const SUMMARY_MAX_CHARS = 280;

const ELLIPSIS = "…";

/** Who states a contribution: "we", "this paper", "our work"… a few words before the verb. */
const SUBJECT = String.raw`\b(we|us|our (work|paper|study|approach)|this (paper|work|thesis|article|study|report|survey))\b[^.;]{0,60}?`;
const subjectThen = (verbs: string): RegExp => new RegExp(`${SUBJECT}\\b(${verbs})\\b`, "i");

/**
 * "X is a…", "X (Y) are the first…": a sentence that defines the contribution by name, when X is
 * shaped like a method's name (`QMCPy`, `CROMA`) or named by the title, not a topic ("Paging is a…").
 */
const DEFINITION = /^([\p{Lu}][\p{L}\p{N}.+^-]*)(\s\([^)]*\))?,?\s+(is|are)\s+(an?|the first)\s/u;

function definesMethod(sentence: string, names: readonly string[]): boolean {
  const subject = DEFINITION.exec(sentence)?.[1];
  return subject !== undefined && (NAME_SHAPE.test(subject) || names.includes(subject));
}

/** "Second, we also…", "Lastly, we further…": a follow-up contribution, not the main one. */
const FOLLOW_UP = /^(?:(?:second|third|next|then|lastly|finally|additionally|moreover|furthermore)\b|we (?:also|further|additionally)\b)/iu;

/** Sentences that state what the paper contributes, with how strongly; the strongest applies. */
const CONTRIBUTION_PATTERNS: ReadonlyArray<readonly [RegExp, number]> = [
  [subjectThen("propose[sd]?|present(s|ed)?|introduce[sd]?"), 5],
  [subjectThen("develop(s|ed)?|design(s|ed)?|devise[sd]?|contribute[sd]?|release[sd]?"), 4],
  [
    subjectThen(
      "builds?|constructs?|describes?|offers?|provides?|derives?|formulates?|establish(es)?|solves?|argues?|focuses|reviews?|surveys?|aims?|attempts?",
    ),
    3,
  ],
  [
    subjectThen(
      "shows?|demonstrates?|proves?|finds?|identif(y|ies)|investigates?|stud(y|ies)|explores?|analy[sz]es?|examines?",
    ),
    3,
  ],
];

/** "In this paper, we…": the framing authors reserve for their main claim. */
const FRAMING = /^([^\s.]+\s){0,4}?in this (paper|work|thesis|article|study)\b|^(here|this paper|this work)\b/i;

/** Signals of a headline result, weighted: numbers with units and comparisons count most. */
const RESULT_PATTERNS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\d(\.\d+)?\s?(%|x\b|×|\\?times\b|-?fold\b)/i, 2],
  [/\b(outperform|surpass|beat|exceed)\w*/i, 2],
  [/\b(improv|reduc|accelerat|speed|boost)\w*\b[^.]{0,60}?\bby\b\s*(up to\s*)?(about\s*)?\d/i, 2],
  [/\bstate[- ]of[- ]the[- ]art\b|\bSOTA\b/i, 2],
  [/\b(achiev|attain|obtain|deliver)\w*\b/i, 1],
  [/\bspeed-?ups?\b/i, 1],
];
const MIN_RESULT_SCORE = 2;

/** Sentences about where the code lives: never worth a TL;DR slot. */
const BOILERPLATE =
  /\b(code|codes|data|models?|software|sources?|checkpoints?|implementation)\b[^.]{0,40}\b(available|released|open[- ]sourced|shared)\b|^\s*https?:\/\//i;
/** A URL in parentheses adds nothing to a preview. */
const PARENTHESISED_URL = /\s*\(\s*https?:\/\/[^)\s]*\s*\)/g;

/** Code points, not UTF-16 units; text without surrogates has one per unit. */
const charCount = (text: string): number => (SURROGATE.test(text) ? Array.from(text).length : text.length);
const SURROGATE = /[\uD800-\uDFFF]/;
/** Every pattern needs its subject: without one, they cannot match ("X is a…" is checked apart). */
const ANY_SUBJECT = /\b(we|us|our|this)\b/i;

function contributionScore(sentence: string, index: number, boilerplate: boolean, names: readonly string[]): number {
  if (boilerplate) return 0;
  const subject = ANY_SUBJECT.test(sentence);
  const strength = CONTRIBUTION_PATTERNS.reduce(
    (best, [pattern, weight]) => (weight > best && subject && pattern.test(sentence) ? weight : best),
    definesMethod(sentence, names) ? 4 : 0,
  );
  if (strength === 0) return 0;
  const framed = FRAMING.test(sentence) ? 1 : 0;
  // The sentence that names the method (a name from the title) states the contribution itself.
  const named = names.some((name) => sentence.includes(name)) ? 1 : 0;
  const trimmed = trimLeadIn(sentence, names);
  const followUp = FOLLOW_UP.test(sentence) || FOLLOW_UP.test(trimmed) ? 1 : 0;
  // Prefer a statement that fits the card whole; among equals, the earlier one.
  const fits = charCount(trimmed) <= SUMMARY_MAX_CHARS ? 1 : 0;
  return strength + framed + named - followUp + fits - index * 0.01;
}

function resultScore(sentence: string, boilerplate: boolean): number {
  if (boilerplate) return 0;
  const score = RESULT_PATTERNS.reduce((sum, [pattern, weight]) => sum + (pattern.test(sentence) ? weight : 0), 0);
  return score >= MIN_RESULT_SCORE ? score : 0;
}

/** Index of the highest-scoring sentence (the first on ties), or -1 when nothing scores. */
function best(scores: readonly number[]): number {
  let bestIndex = -1;
  scores.forEach((score, i) => {
    if (score > 0 && (bestIndex < 0 || score > (scores[bestIndex] ?? 0))) bestIndex = i;
  });
  return bestIndex;
}

/** Cuts at the last word boundary that leaves room for "…", so no word is broken. */
export function truncateAtWord(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  const room = chars.slice(0, maxChars - ELLIPSIS.length).join("");
  const boundary = room.search(/\s\S*$/);
  const head = (boundary > 0 ? room.slice(0, boundary) : room).replace(/[\s,;:(–—-]+$/u, "");
  return `${head}${ELLIPSIS}`;
}

/**
 * A TL;DR of at most {@link SUMMARY_MAX_CHARS} characters: the sentence stating the contribution
 * ("we propose…", "this paper introduces…", "X is a…"; the one naming the title's method first),
 * started at its subject ("In this paper, we propose…" → "We propose…"), followed by the
 * headline-result sentence when both fit. Without a contribution sentence the result sentence, else
 * the first sentence, stands alone. An overlong single sentence is cut at a word and ends with "…".
 * Extractive: only the lead-in and a capital letter are changed.
 */
export function summarize(abstract: string, title = ""): string {
  const sentences = splitSentences(abstract).map((s) => s.replace(PARENTHESISED_URL, ""));
  if (sentences.length === 0) return "";
  const names = methodNames(title);
  const boilerplate = sentences.map((s) => BOILERPLATE.test(s));
  const contribution = best(sentences.map((s, i) => contributionScore(s, i, boilerplate[i] === true, names)));
  const result = best(sentences.map((s, i) => (i === contribution ? 0 : resultScore(s, boilerplate[i] === true))));
  const lead = contribution >= 0 ? contribution : result >= 0 ? result : 0;
  const leadText = trimLeadIn(sentences[lead] ?? "", names);
  const extra = lead === result ? undefined : sentences[result];
  if (extra !== undefined) {
    const combined = `${leadText} ${extra}`;
    if (charCount(combined) <= SUMMARY_MAX_CHARS) return combined;
  }
  return truncateAtWord(leadText, SUMMARY_MAX_CHARS);
}
