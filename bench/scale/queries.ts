import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { STOPWORDS } from "../../src/papers/stopwords.js";
import { parseQuery, searchText, toFtsMatch } from "../../src/search/index.js";
import { openStore } from "../../src/store/index.js";
import type { Corpus} from "./corpus.js";
import { syllableWord } from "./corpus.js";
import { paperbotBin } from "./ingest.js";

/*
 * The query mix: rare and common words (two in 30%+ of the papers), a phrase, OR, exclusion, field
 * filters, a prefix and filter-only listings, picked from the history's own document frequencies.
 * Each runs through the project's search (in process, a page of 10 with its total) and, beside
 * it, as raw FTS5 bm25 top-10 of the same MATCH (and the same filters, if any) on the same file.
 */

export interface QueryCase {
  label: string;
  text: string;
}

export interface QueryTiming extends QueryCase {
  /** Every timed run, in ms. */
  project: number[];
  raw: number[];
  total: number;
}

const WORD = /[a-z][a-z-]*[a-z]/g;

/** Document frequency of words and adjacent word pairs over the first `sample` papers. */
function frequencies(corpus: Corpus, sample: number): { words: Map<string, number>; pairs: Map<string, number> } {
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (let i = 0; i < sample; i += 1) {
    const p = corpus.paper(i);
    const tokens = `${p.title} ${p.abstract}`.toLowerCase().match(WORD) ?? [];
    for (const w of new Set(tokens)) words.set(w, (words.get(w) ?? 0) + 1);
    const seen = new Set<string>();
    for (let t = 0; t + 1 < tokens.length; t += 1) {
      const [a = "", b = ""] = [tokens[t], tokens[t + 1]];
      if (a.length >= 4 && b.length >= 4 && !STOPWORDS.has(a) && !STOPWORDS.has(b)) seen.add(`${a} ${b}`);
    }
    for (const pair of seen) pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  return { words, pairs };
}

/** The word whose share of papers is nearest `share` (content words only, 5+ letters). */
function nearest(freq: Map<string, number>, sample: number, share: number, skip: ReadonlySet<string>): string {
  let best = "";
  let distance = Infinity;
  for (const [word, n] of freq) {
    if (word.length < 5 || STOPWORDS.has(word) || skip.has(word) || word.includes("-")) continue;
    const d = Math.abs(Math.log(n / sample / share));
    if (d < distance || (d === distance && word < best)) [best, distance] = [word, d];
  }
  return best;
}

export function queryMix(corpus: Corpus, papers: number): QueryCase[] {
  const sample = Math.min(papers, 3_000);
  const { words, pairs } = frequencies(corpus, sample);
  const taken = new Set<string>();
  const take = (share: number): string => {
    const word = nearest(words, sample, share, taken);
    taken.add(word);
    return word;
  };
  const common = take(0.5);
  const common30 = take(0.3);
  const mid = take(0.02);
  const rare = take(1 / sample);
  const phrase = [...pairs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? `${common} ${common30}`;
  const share = (w: string): string => `${(((words.get(w) ?? 0) / sample) * 100).toFixed(w === rare ? 2 : 0)}%`;
  const unique = syllableWord(Math.floor(papers / 2), 2);
  return [
    { label: "rare: one paper's name", text: unique },
    { label: `rare word (${share(rare)})`, text: rare },
    { label: `mid word (${share(mid)})`, text: mid },
    { label: `common word (${share(common)})`, text: common },
    { label: `common word (${share(common30)})`, text: common30 },
    { label: "two common words", text: `${common} ${common30}` },
    { label: "phrase", text: `"${phrase}"` },
    { label: "OR", text: `${mid} OR ${rare}` },
    { label: "exclusion", text: `${common} -${mid}` },
    { label: "field: title", text: `title:${mid}` },
    { label: "field: org", text: `org:"Meta AI" ${mid}` },
    { label: "prefix", text: `${common.slice(0, 5)}*` },
    { label: "word + filter", text: `${mid} upvotes:>=5` },
    { label: "filter only: upvotes", text: "upvotes:>=20" },
    { label: "filter only: since", text: "since:2024-11-01" },
  ];
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Runs each query `runs` times (after one untimed warm-up) both ways on the same database file. */
export function timeQueries(dbPath: string, cases: readonly QueryCase[], runs: number): QueryTiming[] {
  const store = openStore(dbPath);
  const raw = new Database(dbPath, { readonly: true });
  const ranked = raw.prepare("SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? ORDER BY bm25(papers_fts) LIMIT 10");
  const rankedFiltered = "SELECT papers_fts.rowid FROM papers_fts JOIN papers ON papers.id = papers_fts.rowid WHERE papers_fts MATCH ?";
  try {
    return cases.map((c) => {
      const parsed = parseQuery(c.text);
      if (!parsed.ok) throw new Error(`bench query ${c.text}: ${parsed.error.message}`);
      const match = toFtsMatch(parsed.query);
      const listing = parsed.query.filters
        .map((f) => (f.kind === "since" ? `published_on >= '${f.date}'` : `upvotes ${f.op} ${f.value}`))
        .join(" AND ");
      // A filtered query's raw side applies the same filters to the same MATCH: ranking every match
      // and dropping the filtered-out ones afterwards would not be the same work.
      const rawRun =
        match === null
          ? () => raw.prepare(`SELECT id FROM papers WHERE ${listing} ORDER BY published_on DESC LIMIT 10`).all()
          : listing === ""
            ? () => ranked.all(match)
            : () => raw.prepare(`${rankedFiltered} AND ${listing} ORDER BY bm25(papers_fts) LIMIT 10`).all(match);
      let total = 0;
      const project = (): void => {
        const found = searchText(store.search, c.text, { limit: 10, offset: 0 });
        total = found.ok ? found.total : -1;
      };
      project();
      rawRun();
      const timing: QueryTiming = { ...c, project: [], raw: [], total: 0 };
      for (let r = 0; r < runs; r += 1) {
        timing.project.push(timed(project));
        timing.raw.push(timed(rawRun));
      }
      timing.total = total;
      return timing;
    });
  } finally {
    raw.close();
    store.close();
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function wall(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(command, args, { env, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${String(result.status)}`);
  return performance.now() - started;
}

/** Median wall time of `paperbot status` on an empty store, and of a bare `node -e 0` beside it. */
export function startup(runs: number): { paperbotMs: number; nodeMs: number } {
  const dir = mkdtempSync(join(tmpdir(), "paperbot-startup-"));
  const env = { ...process.env, PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: "" };
  const bin = paperbotBin();
  try {
    wall(process.execPath, [bin, "status"], env);
    const paperbot: number[] = [];
    const node: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      paperbot.push(wall(process.execPath, [bin, "status"], env));
      node.push(wall(process.execPath, ["-e", "0"], env));
    }
    return { paperbotMs: percentile(paperbot, 50), nodeMs: percentile(node, 50) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time of one `paperbot search` process on the history, start-up included. */
export function cliSearch(dbPath: string, query: string): number {
  const env = { ...process.env, PAPERBOT_CONFIG: "" };
  return wall(process.execPath, [paperbotBin(), "search", query, "--db", dbPath], env);
}
