/*
 * The for-you quality measure, shared by its test and its bench. Synthetic people, each interested
 * in one topic of the sample papers (labelled by bench/topics.ts, independently of the model),
 * like three papers of it; both rankings then order every other sample paper, and the held-out
 * papers of the topic are the relevant ones. The baseline is the keyword subscription such a
 * person would write — the content words of the three liked titles, OR-ed — ranked by BM25 with
 * the title weighted ten times the abstract, as the store's own search ranks (a ranked baseline
 * is kinder to it than the subscription's unranked, newest-first delivery).
 */
import { forYou, type Doc } from "../src/recommend/foryou.js";
import { Vocabulary } from "../src/recommend/vectors.js";
import { analyze } from "../src/search/analyzer.js";
import { prng } from "../src/recommend/classifier.js";
import { STOPWORDS } from "../src/papers/stopwords.js";
import { tokenize } from "../src/search/analyzer.js";
import type { SamplePaper } from "./samples.js";
import { topicMembers } from "./topics.js";

/** A person: a topic and the three papers of it they liked (indices into the sample). */
export interface Person {
  topic: string;
  liked: number[];
}

export interface Metrics {
  precisionAt5: number;
  ndcgAt10: number;
}

export interface QualityReport {
  people: number;
  topics: string[];
  forYou: Metrics;
  keywords: Metrics;
  /** People for whom for-you's precision@5 beat, tied and lost to the keywords'. */
  wins: number;
  ties: number;
  losses: number;
}

/** Topics with enough papers for 3 liked and 5 held out. */
const MIN_TOPIC = 8;
const PEOPLE_PER_TOPIC = 5;

/** People per topic, each liking three papers of it chosen by a seeded PRNG. */
export function syntheticPeople(papers: readonly SamplePaper[], seed = 7): Person[] {
  const random = prng(seed);
  const people: Person[] = [];
  for (const [topic, members] of topicMembers(papers)) {
    if (members.length < MIN_TOPIC) continue;
    for (let n = 0; n < PEOPLE_PER_TOPIC; n += 1) {
      const pool = [...members];
      const liked: number[] = [];
      while (liked.length < 3) liked.push(...pool.splice(Math.floor(random() * pool.length), 1));
      people.push({ topic, liked: liked.sort((a, b) => a - b) });
    }
  }
  return people;
}

export function precisionAt(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  return ranked.slice(0, k).filter((i) => relevant.has(i)).length / k;
}

export function ndcgAt(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((i, at) => {
    if (relevant.has(i)) dcg += 1 / Math.log2(at + 2);
  });
  let ideal = 0;
  for (let at = 0; at < Math.min(k, relevant.size); at += 1) ideal += 1 / Math.log2(at + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** BM25 (k1 1.2, b 0.75) of an OR of terms, title counted ten times, over every paper. */
export class KeywordRanker {
  private readonly docs: { title: Map<string, number>; abstract: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly averageLength: number;

  constructor(papers: readonly SamplePaper[]) {
    const count = (terms: string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
      return m;
    };
    this.docs = papers.map((p) => {
      const title = analyze(p.title);
      const abstract = analyze(p.abstract);
      return { title: count(title), abstract: count(abstract), length: title.length + abstract.length };
    });
    for (const d of this.docs) for (const t of new Set([...d.title.keys(), ...d.abstract.keys()])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.averageLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
  }

  /** Paper indices by score, best first, papers matching no term left out; `skip` excluded. */
  rank(terms: readonly string[], skip: ReadonlySet<number>): number[] {
    const n = this.docs.length;
    const scored: { i: number; score: number }[] = [];
    this.docs.forEach((d, i) => {
      if (skip.has(i)) return;
      let score = 0;
      for (const t of terms) {
        const tf = 10 * (d.title.get(t) ?? 0) + (d.abstract.get(t) ?? 0);
        if (tf === 0) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.max(1e-6, Math.log((n - df + 0.5) / (df + 0.5)));
        score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / this.averageLength));
      }
      if (score > 0) scored.push({ i, score });
    });
    return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((s) => s.i);
  }
}

/** The subscription a person would write from the titles they liked: their content words, stemmed. */
export function keywordTerms(titles: readonly string[]): string[] {
  const words = titles.flatMap((t) => tokenize(t)).filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words.flatMap((w) => analyze(w)))];
}

/** Both rankings for every person, averaged. */
export function measureQuality(papers: readonly SamplePaper[], people: readonly Person[] = syntheticPeople(papers)): QualityReport {
  const vocabulary = new Vocabulary();
  const counts = papers.map((p) => vocabulary.add(p.title, p.abstract));
  const docs: Doc[] = counts.map((c, id) => ({ id, vector: vocabulary.vector(c) }));
  const members = topicMembers(papers);
  const keywords = new KeywordRanker(papers);
  const sum = { forYou: { precisionAt5: 0, ndcgAt10: 0 }, keywords: { precisionAt5: 0, ndcgAt10: 0 } };
  let wins = 0;
  let ties = 0;
  for (const person of people) {
    const liked = new Set(person.liked);
    const relevant = new Set((members.get(person.topic) ?? []).filter((i) => !liked.has(i)));
    const result = forYou({
      positives: person.liked.map((i) => docs[i]).filter((d): d is Doc => d !== undefined),
      disliked: [],
      background: docs,
      candidates: docs,
      limit: 10,
    });
    const mine = result.kind === "ranked" ? result.papers.map((p) => p.id) : [];
    const theirs = keywords.rank(keywordTerms(person.liked.map((i) => papers[i]?.title ?? "")), liked);
    const p5 = precisionAt(mine, relevant, 5);
    const k5 = precisionAt(theirs, relevant, 5);
    sum.forYou.precisionAt5 += p5;
    sum.forYou.ndcgAt10 += ndcgAt(mine, relevant, 10);
    sum.keywords.precisionAt5 += k5;
    sum.keywords.ndcgAt10 += ndcgAt(theirs, relevant, 10);
    if (p5 > k5) wins += 1;
    else if (p5 === k5) ties += 1;
  }
  const n = Math.max(1, people.length);
  const mean = (m: Metrics): Metrics => ({ precisionAt5: m.precisionAt5 / n, ndcgAt10: m.ndcgAt10 / n });
  return {
    people: people.length,
    topics: [...new Set(people.map((p) => p.topic))],
    forYou: mean(sum.forYou),
    keywords: mean(sum.keywords),
    wins,
    ties,
    losses: people.length - wins - ties,
  };
}
