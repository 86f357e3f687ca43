import { STOPWORDS } from "../src/papers/stopwords.js";
import { analyze } from "../src/search/index.js";
import { prng } from "../src/recommend/classifier.js";
import type { SamplePaper } from "./samples.js";

/*
 * Seeded synthetic workload drawn from the sample papers' vocabulary: subscriptions that look like
 * what people type (1–4 terms, some phrases, prefixes, fields, exclusions, OR, filters) and new
 * papers that read like the samples (titles spliced from two sample titles, abstracts from their
 * sentences). The same seed gives the same workload on every run.
 */

export type Random = () => number;

/** The project's one small PRNG (mulberry32): the same seed gives the same workload. */
export const seeded: (seed: number) => Random = prng;

export function pick<T>(random: Random, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

const WORD = /[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/g;
const SURNAMES = `Smith Wang Li Zhang Chen Kumar Garcia Müller Rossi Tanaka Kim Nguyen Dubois Silva Novak Cohen Singh
  Ivanova Haddad Okafor Andersen Costa Park Sato Yilmaz Hopper Dao Núñez Larsen Popescu`.split(/\s+/);
const GIVEN = `Ada Wei Yu Maria José Amir Chen Priya Lars Sofia Kenji Olga Tri Grace Omar Lina Raj Mei Hugo Ana Ivan Zoe
  Kwame Noor Elena Jun Sara Ali Ines Tom`.split(/\s+/);
/** 900 made-up authors; people follow one author by full name. */
const AUTHORS = GIVEN.flatMap((given) => SURNAMES.map((surname) => `${given} ${surname}`));
const ORGS = ["OpenBMB", "Gensyn", "Meta AI", "Google DeepMind", "NVIDIA", "Hugging Face", "Allen AI", "Mistral AI", "Qwen"];

/** The words, title bigrams and sentences a workload is built from. */
export interface Vocabulary {
  words: string[];
  bigrams: string[];
  sentences: string[];
  titles: string[][];
  /** Each sample abstract as its sentences, so a synthetic paper can stay on one topic. */
  abstracts: string[][];
}

/**
 * Subscription words are topical: a word whose stem is in more than 15% of the sample papers
 * ("models", "computed", "training") is something nobody subscribes to, so it is left out of the
 * query vocabulary (the synthetic papers still contain it).
 */
export function vocabularyOf(samples: readonly SamplePaper[]): Vocabulary {
  const stemFrequency = new Map<string, number>();
  const candidates = new Set<string>();
  const bigrams = new Set<string>();
  for (const paper of samples) {
    const titleWords = paper.title.match(WORD) ?? [];
    for (const stem of new Set(analyze(`${paper.title} ${paper.abstract}`))) {
      stemFrequency.set(stem, (stemFrequency.get(stem) ?? 0) + 1);
    }
    for (const word of [...titleWords, ...(paper.abstract.match(WORD) ?? [])]) {
      if (word.length >= 4 && !STOPWORDS.has(word.toLowerCase())) candidates.add(word.toLowerCase());
    }
    for (let i = 0; i + 1 < titleWords.length; i += 1) {
      const [a = "", b = ""] = [titleWords[i], titleWords[i + 1]];
      if (!STOPWORDS.has(a.toLowerCase()) && !STOPWORDS.has(b.toLowerCase())) bigrams.add(`${a} ${b}`.toLowerCase());
    }
  }
  const topical = Math.max(2, samples.length * 0.15);
  const words = [...candidates].filter((word) => analyze(word).every((stem) => (stemFrequency.get(stem) ?? 0) <= topical));
  const abstracts = samples.map((p) => p.abstract.split(/(?<=\.)\s+/).filter((s) => s.length > 30));
  const sentences = abstracts.flat();
  return { words, bigrams: [...bigrams], sentences, titles: samples.map((p) => p.title.split(" ")), abstracts };
}

/** What people truncate a topical word to: "quantiz*", "diffus*" (at least 5 letters, no hyphen). */
function prefixOf(random: Random, word: string): string {
  const stem = word.split("-")[0] ?? word;
  return stem.slice(0, Math.max(5, stem.length - 1 - Math.floor(random() * 3)));
}

function term(random: Random, vocabulary: Vocabulary): string {
  const roll = random();
  let text: string;
  if (roll < 0.12) text = `"${pick(random, vocabulary.bigrams)}"`;
  else if (roll < 0.18) text = `${prefixOf(random, pick(random, vocabulary.words))}*`;
  else if (roll < 0.25) text = `(${pick(random, vocabulary.words)} OR ${pick(random, vocabulary.words)})`;
  else text = pick(random, vocabulary.words);
  const field = random();
  if (field < 0.15) return `title:${text}`;
  if (field < 0.18) return `abstract:${text}`;
  if (field < 0.2 && !text.startsWith("(")) return `author:"${pick(random, AUTHORS)}"`;
  if (field < 0.22 && !text.startsWith("(")) return `org:"${pick(random, ORGS)}"`;
  return text;
}

/** One subscription's query text: 1–4 terms, later ones sometimes excluded, sometimes a filter. */
export function subscriptionText(random: Random, vocabulary: Vocabulary): string {
  const roll = random();
  const count = roll < 0.35 ? 1 : roll < 0.7 ? 2 : roll < 0.9 ? 3 : 4;
  const parts = [term(random, vocabulary)];
  for (let i = 1; i < count; i += 1) parts.push((random() < 0.12 ? "-" : "") + term(random, vocabulary));
  if (random() < 0.05) parts.push(`upvotes:>=${1 + Math.floor(random() * 20)}`);
  if (random() < 0.05) parts.push(`since:2024-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-01`);
  return parts.join(" ");
}

/** A new paper as ingest would store it. */
export interface PaperText {
  title: string;
  abstract: string;
  authors: string[];
  organization: string | null;
  publishedOn: string;
  upvotes: number;
}

/**
 * A paper on one sample paper's topic: its title spliced with another's, most of its abstract's
 * sentences in a new order plus one or two from elsewhere, made-up authors and metadata.
 */
export function paperText(random: Random, vocabulary: Vocabulary): PaperText {
  const base = Math.floor(random() * vocabulary.titles.length);
  const first = vocabulary.titles[base] ?? [];
  const second = pick(random, vocabulary.titles);
  const title = [...first.slice(0, Math.ceil(first.length / 2)), ...second.slice(Math.floor(second.length / 2))].join(" ");
  const own = (vocabulary.abstracts[base] ?? []).filter(() => random() < 0.8);
  const borrowed = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(random, vocabulary.sentences));
  const sentences = [...own, ...borrowed].sort(() => random() - 0.5);
  const authors = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(random, AUTHORS));
  const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
  return {
    title,
    abstract: sentences.join(" "),
    authors,
    organization: random() < 0.2 ? pick(random, ORGS) : null,
    publishedOn: `2024-${month}-${day}`,
    upvotes: Math.floor(-Math.log(1 - random()) * 6),
  };
}
