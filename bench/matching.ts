import { cpus, loadavg } from "node:os";
import type { Statement } from "better-sqlite3";
import {
  parseQuery,
  SubscriptionMatcher,
  toFtsMatch,
  type Query,
  type Subscription,
  type TermFrequency,
} from "../src/search/index.js";
import { IncrementalMatcher, MAX_PENDING } from "../src/search/incremental.js";
import { openDatabase, type Db } from "../src/store/database.js";
import { toPaper } from "../src/store/papers.js";
import type { Paper } from "../src/domain/paper.js";
import { toSqlFilters } from "../src/store/search-sql.js";
import { sqliteStore } from "../src/store/sqlite.js";
import { paperText, seeded, subscriptionText, vocabularyOf, type Random } from "./generate.js";
import { readSamplePapers, type SamplePaper } from "./samples.js";

/** Sizes of the matching benchmark; the defaults are the target load: 100,000 subscriptions, 1,000 new papers. */
export interface MatchingBenchOptions {
  subscriptions: number;
  papers: number;
  /** Subscriptions the per-subscription FTS5 baseline is timed on, then extrapolated. */
  baselineSample: number;
  seed: number;
}

const RUNS = 3;

export const DEFAULTS: MatchingBenchOptions = { subscriptions: 100_000, papers: 1_000, baselineSample: 5_000, seed: 42 };

/** Wall-clock time, and the CPU time the process used meanwhile (steadier on a shared machine). */
interface Timing {
  ms: number;
  cpuMs: number;
}

interface Row extends Timing {
  name: string;
}

function time<T>(run: () => T): { value: T } & Timing {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** How fast this machine is right now, so the figures can be read against it. */
function machine(): string {
  const { ms } = time(() => {
    let x = 0;
    for (let i = 0; i < 1e8; i += 1) x = (x + i) | 0;
    return x;
  });
  const load = loadavg().map((n) => n.toFixed(2)).join(" ");
  return `machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load average ${load}, 1e8-step reference loop ${ms.toFixed(0)} ms`;
}

function makeSubscriptions(random: Random, count: number): Subscription[] {
  const vocabulary = vocabularyOf(readSamplePapers());
  const subscriptions: Subscription[] = [];
  while (subscriptions.length < count) {
    const parsed = parseQuery(subscriptionText(random, vocabulary));
    if (parsed.ok) subscriptions.push({ id: subscriptions.length + 1, query: parsed.query });
  }
  return subscriptions;
}

/** Term statistics of the paper history (the sample papers), as a running bot would read them. */
function historyFrequencies(samples: readonly SamplePaper[]): TermFrequency {
  const db = openDatabase(":memory:");
  const dump = db
    .prepare("INSERT INTO dumps (content_hash, path, status, ingested_at) VALUES ('history', 'history', 'ingested', ?)")
    .run("2024-12-01T00:00:00Z").lastInsertRowid;
  const insert = db.prepare(`INSERT INTO papers (key, title, abstract, organization, published_on, upvotes, tldr,
    first_dump_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, '2024-12-01', '2024-12-01')`);
  samples.forEach((p, i) => insert.run(`h${i}`, p.title, p.abstract, p.organization, p.publishedOn, p.upvotes, dump));
  // Rows added by SQL, not the store's insert: their search entries come from the index view.
  db.exec("INSERT INTO papers_fts(papers_fts) VALUES ('rebuild')");
  const frequency = sqliteStore(db).search.termFrequencies();
  db.close();
  return frequency;
}

/** The new papers in a throwaway in-memory store with the real schema (and so the real FTS5 table). */
function makePapers(random: Random, count: number): { db: Db; papers: Paper[] } {
  const db = openDatabase(":memory:");
  const vocabulary = vocabularyOf(readSamplePapers());
  const dump = db
    .prepare("INSERT INTO dumps (content_hash, path, status, ingested_at) VALUES ('bench', 'bench', 'ingested', ?)")
    .run("2024-12-31T00:00:00Z").lastInsertRowid;
  const insert = db.prepare(`INSERT INTO papers (key, title, abstract, authors, organization, published_on, upvotes,
    tldr, first_dump_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const p = paperText(random, vocabulary);
      const seen = "2024-12-31T00:00:00Z";
      insert.run(`bench-${i}`, p.title, p.abstract, JSON.stringify(p.authors), p.organization, p.publishedOn, p.upvotes, dump, seen, seen);
    }
    db.exec("INSERT INTO papers_fts(papers_fts) VALUES ('rebuild')");
  })();
  const papers = (db.prepare("SELECT * FROM papers ORDER BY id").all() as Parameters<typeof toPaper>[0][]).map(toPaper);
  return { db, papers };
}

/** The run with the median wall time: on a shared machine one run is at the mercy of its neighbours. */
function median<T extends Timing>(runs: readonly T[]): T {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error("no runs");
  return middle;
}

/** Matches all the papers as one ingest would (median of RUNS); only matching is timed, pairs are listed after. */
function matchAll(matcher: SubscriptionMatcher, papers: readonly Paper[]): Timing & { pairs: Set<string> } {
  matcher.matchAll(papers.slice(0, 100)); // warm the JIT, as a long-running bot would be
  const runs = Array.from({ length: RUNS }, () => time(() => matcher.matchAll(papers)));
  const { ms, cpuMs, value: found } = median(runs);
  const pairs = new Set<string>();
  for (let i = 0; i < found.size; i += 1) pairs.add(`${found.at(i).subscriptionId}:${papers[found.paper(i)]?.id ?? 0}`);
  return { ms, cpuMs, pairs };
}

/** The same papers one call each, as when every dump brings a single paper; pairs are checked against `matchAll`. */
function matchOneByOne(matcher: SubscriptionMatcher, papers: readonly Paper[]): Timing & { pairs: Set<string> } {
  const runs = Array.from({ length: RUNS }, () => time(() => papers.map((paper) => matcher.match(paper))));
  const { ms, cpuMs, value: found } = median(runs);
  const pairs = new Set<string>();
  found.forEach((matches, i) => {
    for (const m of matches) pairs.add(`${m.subscriptionId}:${papers[i]?.id ?? 0}`);
  });
  return { ms, cpuMs, pairs };
}

/** The baseline: one SQL query per subscription against the FTS5 table of new papers. */
function ftsPerSubscription(db: Db, subscriptions: readonly Subscription[]): Set<string> {
  const statements = new Map<string, Statement>();
  const pairs = new Set<string>();
  for (const { id, query } of subscriptions) {
    const match = toFtsMatch(query);
    const filters = toSqlFilters(query);
    const sql =
      match === null
        ? `SELECT p.id FROM papers p WHERE ${filters.sql}`
        : `SELECT p.id FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid WHERE papers_fts MATCH ? AND ${filters.sql}`;
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    const params = match === null ? filters.params : [match, ...filters.params];
    for (const row of statement.all(...params) as { id: number }[]) pairs.add(`${id}:${row.id}`);
  }
  return pairs;
}

function sample<T>(random: Random, list: readonly T[], count: number): T[] {
  const copy = [...list];
  for (let i = 0; i < Math.min(count, copy.length); i += 1) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

const fmt = (n: number): string => n.toLocaleString("en-US");
const ms = (n: number): string => `${n >= 100 ? fmt(Math.round(n)) : n.toFixed(1)} ms`;

function table(rows: readonly Row[], reference: number): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = [`${"name".padEnd(width)}  ${"time".padStart(10)}  ${"cpu".padStart(10)}  ${"ratio".padStart(7)}`];
  for (const row of rows) {
    const ratio = `${(row.ms / reference).toFixed(2)}x`;
    lines.push(`${row.name.padEnd(width)}  ${ms(row.ms).padStart(10)}  ${ms(row.cpuMs).padStart(10)}  ${ratio.padStart(7)}`);
  }
  return lines.join("\n");
}

/**
 * One subscription taken in or out of the matcher of all the others (median of 21 of each),
 * beside matching with the most changes it keeps aside before a full rebuild.
 */
function incrementalRows(subscriptions: Subscription[], papers: Paper[], frequency: TermFrequency, random: Random): Row[] {
  const matcher = new IncrementalMatcher(subscriptions.slice(1), { frequency });
  const spare = subscriptions[0];
  if (spare === undefined) return [];
  const adds: (Timing & { value: unknown })[] = [];
  const removes: (Timing & { value: unknown })[] = [];
  for (let i = 0; i < 21; i += 1) {
    adds.push(time(() => (matcher.add(spare), matcher.settle())));
    removes.push(time(() => (matcher.remove(spare.id), matcher.settle())));
  }
  for (const sub of sample(random, subscriptions, MAX_PENDING)) matcher.add({ ...sub, id: sub.id + subscriptions.length });
  matcher.settle();
  const n = fmt(subscriptions.length);
  return [
    { name: `incremental: add one subscription at ${n}`, ...median(adds) },
    { name: `incremental: remove one subscription at ${n}`, ...median(removes) },
    { name: `incremental: ${n} + ${MAX_PENDING} added x ${fmt(papers.length)} papers`, ...time(() => matcher.matchAll(papers)) },
  ];
}

/** Times the subscription index against one FTS5 query per subscription; prints a table. */
export function runMatchingBench(options: MatchingBenchOptions = DEFAULTS, log: (line: string) => void = console.log): void {
  const random = seeded(options.seed);
  const subscriptions = makeSubscriptions(random, options.subscriptions);
  const { db, papers } = makePapers(random, options.papers);
  const filterOnly = subscriptions.filter((s: { query: Query }) => s.query.match === null).length;
  log(`matching: ${fmt(subscriptions.length)} subscriptions (${fmt(filterOnly)} filters only), ${fmt(papers.length)} new papers`);

  const frequency = historyFrequencies(readSamplePapers());
  const built = time(() => new SubscriptionMatcher(subscriptions, { frequency }));
  const matcher = built.value;
  const matched = matchAll(matcher, papers);
  const oneByOne = matchOneByOne(matcher, papers);
  const heuristicMatched = matchAll(new SubscriptionMatcher(subscriptions), papers);

  const incremental = incrementalRows(subscriptions, papers, frequency, random);

  const sampled = sample(random, subscriptions, options.baselineSample);
  const sampledMatched = matchAll(new SubscriptionMatcher(sampled, { frequency }), papers);
  ftsPerSubscription(db, sampled.slice(0, 100));
  const baseline = median(Array.from({ length: RUNS }, () => time(() => ftsPerSubscription(db, sampled))));
  const scale = subscriptions.length / sampled.length;

  const agree = [...baseline.value].filter((pair) => sampledMatched.pairs.has(pair)).length;
  const union = new Set([...baseline.value, ...sampledMatched.pairs]).size;
  const n = fmt(sampled.length);
  const rows: Row[] = [
    { name: `index matcher: ${fmt(subscriptions.length)} subs x ${fmt(papers.length)} papers`, ...matched },
    { name: `index matcher: build the index (${fmt(subscriptions.length)} subs)`, ...built },
    { name: `index matcher, one paper per call (${fmt(papers.length)} calls)`, ...oneByOne },
    { name: `index matcher, anchors by word length (no statistics)`, ...heuristicMatched },
    { name: `index matcher: ${n} sampled subs x ${fmt(papers.length)} papers`, ...sampledMatched },
    { name: `FTS5 query per subscription: ${n} sampled subs (measured)`, ...baseline },
    {
      name: `FTS5 query per subscription: ${fmt(subscriptions.length)} subs (extrapolated x${scale})`,
      ms: baseline.ms * scale,
      cpuMs: baseline.cpuMs * scale,
    },
    ...incremental,
  ];
  log(table(rows, matched.ms));
  log(machine());
  log(`time = median wall time of ${RUNS} runs; cpu = CPU time the process used in that run;`);
  log(`ratio = time / index matcher on all ${fmt(subscriptions.length)} subscriptions`);
  log(`pairs matched: ${fmt(matched.pairs.size)} over all subscriptions (${(matched.pairs.size / papers.length).toFixed(1)} per paper)`);
  log(`index: ${JSON.stringify(matcher.stats)}`);
  const oneSame = oneByOne.pairs.size === matched.pairs.size && [...oneByOne.pairs].every((p) => matched.pairs.has(p));
  log(`one paper per call and all papers at once give ${oneSame ? "the same" : "DIFFERENT"} pairs`);
  const same = heuristicMatched.pairs.size === matched.pairs.size && [...heuristicMatched.pairs].every((p) => matched.pairs.has(p));
  log(`anchors from history statistics and from word length give ${same ? "the same" : "DIFFERENT"} pairs`);
  log(
    `agreement on the ${n} sampled subscriptions: ${union === 0 ? "100.00" : ((100 * agree) / union).toFixed(2)}% ` +
      `(${fmt(agree)} of ${fmt(union)} pairs; FTS5 ${fmt(baseline.value.size)}, matcher ${fmt(sampledMatched.pairs.size)})`,
  );
  db.close();
}
