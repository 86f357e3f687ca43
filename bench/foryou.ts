/*
 * `npm run bench -- foryou`: the for-you ranking's quality on the sample papers (against a keyword
 * subscription built from the liked titles), then its cost at scale on synthetic TF-IDF vectors:
 * one person at 1M papers (train on a bounded sample, rank the last 7 days), and 10,000 people
 * after an ingest of 1,000 new papers (their models kept, each scoring only the new papers).
 * Synthetic vectors stand in for the per-paper vectors the store caches: each is generated from its
 * paper id on demand, outside the timed sections.
 */
import { cpus, loadavg } from "node:os";
import {
  compact,
  forYou,
  NewPapers,
  prng,
  rankWith,
  samplePositions,
  train,
  examplesFor,
  type Doc,
  type LinearModel,
} from "../src/recommend/index.js";
import { measureQuality } from "./foryou-quality.js";
import { readSamplePapers } from "./samples.js";

const HISTORY = 1_000_000;
const DAYS_OF_HISTORY = 1_000;
const WINDOW_DAYS = 7;
const BACKGROUND = 2_000;
const PEOPLE = 10_000;
const NEW_PAPERS = 1_000;
const VOCABULARY = 200_000;
const TOPICS = 500;
const TOPIC_TERMS = 300;
const TERMS_PER_PAPER = 120;
const TOPICAL_TERMS = 40;
/** Weights kept per person between ingests. */
const KEPT_TERMS = 1_000;

/** Topic of a synthetic paper: fixed by its id. */
const topicOf = (id: number): number => (Math.imul(id, 0x9e3779b1) >>> 0) % TOPICS;

/** A paper's synthetic vector: 40 terms of its topic, 80 from a Zipf-like spread over the vocabulary. */
export function syntheticDoc(id: number): Doc {
  const random = prng(id + 1);
  const topic = topicOf(id);
  const terms = new Set<number>();
  while (terms.size < TOPICAL_TERMS) terms.add(topic * TOPIC_TERMS + Math.floor(random() * TOPIC_TERMS));
  while (terms.size < TERMS_PER_PAPER) terms.add(Math.min(VOCABULARY - 1, Math.floor(Math.exp(random() * Math.log(VOCABULARY)))));
  const ids = Int32Array.from(terms).sort();
  // TF-IDF-like: a common (low) id weighs little, a rare one much, as the idf factor would make them.
  const values = Float32Array.from(ids, (term) => (0.5 + random()) * Math.log(VOCABULARY / (term + 1) + 1));
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
  for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) / norm;
  return { id, vector: { ids, values } };
}

/** Wall time and the CPU time this process used (steadier when other work shares the machine). */
function time<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const ms = (t: { ms: number; cpuMs: number }): string => `${t.ms.toFixed(1).padStart(9)} ms (cpu ${t.cpuMs.toFixed(1)} ms)`;

/** Ids of `count` papers of a topic among the first `within` ids, from `from` on. */
function papersOfTopic(topic: number, count: number, from: number, within: number): number[] {
  const found: number[] = [];
  for (let id = from; id < within && found.length < count; id += 1) if (topicOf(id) === topic) found.push(id);
  return found;
}

function qualitySection(): void {
  const report = measureQuality(readSamplePapers());
  console.log(`\nfor-you quality: ${report.people} synthetic people over ${report.topics.length} topics (${report.topics.join(", ")}), 3 liked papers each`);
  console.log("  ranking                    precision@5  nDCG@10");
  console.log(`  for you (linear SVM)       ${report.forYou.precisionAt5.toFixed(3).padStart(11)}  ${report.forYou.ndcgAt10.toFixed(3).padStart(7)}`);
  console.log(`  keyword subscription (BM25)${report.keywords.precisionAt5.toFixed(3).padStart(11)}  ${report.keywords.ndcgAt10.toFixed(3).padStart(7)}`);
  console.log(`  per person, precision@5: for you better ${report.wins}, equal ${report.ties}, worse ${report.losses}`);
}

/** One person: 10 liked, 3 disliked, a 2,000-paper background sample, the last 7 days ranked. */
function onePersonSection(): void {
  const perDay = HISTORY / DAYS_OF_HISTORY;
  const windowStart = HISTORY - perDay * WINDOW_DAYS;
  const positives = papersOfTopic(7, 10, 0, windowStart).map(syntheticDoc);
  const disliked = papersOfTopic(8, 3, 0, windowStart).map(syntheticDoc);
  const background = samplePositions(HISTORY, BACKGROUND, 7).map(syntheticDoc);
  const candidates = Array.from({ length: HISTORY - windowStart }, (_, i) => syntheticDoc(windowStart + i));
  const runs = [0, 1, 2].map(() => time(() => forYou({ positives, disliked, background, candidates, limit: 10 })));
  const trainOnly = time(() => train(examplesFor({ positives, disliked, background })));
  // days:all at 1M: 100,000 generated vectors scored ten times over (1M scorings) by the trained model.
  const sample = Array.from({ length: HISTORY / 10 }, (_, i) => syntheticDoc(i * 10));
  const none = new Set<number>();
  const all = time(() => {
    for (let round = 0; round < 10; round += 1) rankWith(trainOnly.value, sample, none, 10);
  });
  const best = runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  const result = runs[0]?.value;
  const hits = result?.kind === "ranked" ? result.papers.filter((p) => topicOf(p.id) === 7).length : 0;
  console.log(`\none person at ${HISTORY.toLocaleString("en")} papers (${perDay}/day): 10 liked, 3 disliked, ${BACKGROUND} background, ${candidates.length} candidates (${WINDOW_DAYS} days)`);
  console.log(`  train alone                      ${ms(trainOnly)}`);
  console.log(`  train + rank 7 days (best of 3)  ${ms(best)}   top 10 in the liked topic: ${hits}/10`);
  console.log(`  rank days:all (1M scorings)      ${ms(all)}`);
}

/** 10,000 people after an ingest of 1,000 papers: kept models score only the new papers. */
function manyPeopleSection(): void {
  const fresh = Array.from({ length: NEW_PAPERS }, (_, i) => syntheticDoc(HISTORY + i));
  const background = samplePositions(HISTORY, BACKGROUND, 11).map(syntheticDoc);
  const trainSample = 50;
  const models: LinearModel[] = [];
  const trained = time(() => {
    for (let person = 0; person < trainSample; person += 1) {
      const topic = person % TOPICS;
      const positives = papersOfTopic(topic, 5, person * 997, HISTORY).map(syntheticDoc);
      models.push(train(examplesFor({ positives, disliked: [], background })));
    }
  });
  const kept = models.map((m) => compact(m, KEPT_TERMS));
  const modelOf = (person: number): LinearModel => kept[person % kept.length] as LinearModel;
  const none = new Set<number>();
  const index = time(() => new NewPapers(fresh));
  const batch = time(() => {
    let delivered = 0;
    for (let person = 0; person < PEOPLE; person += 1) delivered += index.value.top(modelOf(person), none, 5).length;
    return delivered;
  });
  let agree = 0;
  models.forEach((full, i) => {
    const exact = new Set(rankWith(full, fresh, none, 5).map((p) => p.id));
    agree += index.value.top(kept[i] as LinearModel, none, 5).filter((p) => exact.has(p.id)).length;
  });
  const naiveSample = 500;
  const naive = time(() => {
    for (let person = 0; person < naiveSample; person += 1) rankWith(modelOf(person), fresh, none, 5);
  });
  const naivePerPerson = naive.cpuMs / naiveSample;
  const perTrain = trained.cpuMs / trainSample;
  console.log(`\n${PEOPLE.toLocaleString("en")} people after an ingest of ${NEW_PAPERS.toLocaleString("en")} new papers (top 5 each)`);
  console.log(`  index the new papers by term                   ${ms(index)}`);
  console.log(`  score them for everyone (${KEPT_TERMS}-term kept models) ${ms(batch)}  ${batch.value} picks`);
  console.log(`  top 5 of kept models agreeing with full models  ${((100 * agree) / (5 * models.length)).toFixed(0)}%`);
  console.log(
    `  baseline: each model scores every new paper (rankWith), cpu ${naive.cpuMs.toFixed(0)} ms for ${naiveSample} people → ${(naivePerPerson * PEOPLE).toFixed(0)} ms for ${PEOPLE} (${((naivePerPerson * PEOPLE) / batch.cpuMs).toFixed(1)}× the postings walk)`,
  );
  console.log(
    `  retraining a model (5 liked, ${BACKGROUND} background): cpu ${perTrain.toFixed(1)} ms each over ${trainSample}; all ${PEOPLE.toLocaleString("en")} ≈ ${((perTrain * PEOPLE) / 1000).toFixed(0)} s (only when feedback changes)`,
  );
}

export async function benchForYou(): Promise<void> {
  const load = loadavg().map((n) => n.toFixed(2)).join(" ");
  console.log(`for you — machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load average ${load}`);
  qualitySection();
  onePersonSection();
  manyPeopleSection();
  await Promise.resolve();
}
