import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Corpus, writeDumps, type DumpPlan } from "./corpus.js";
import { rawIngest, realIngest, type RawIngest, type RealIngest } from "./ingest.js";
import { cliSearch, percentile, queryMix, startup, timeQueries, type QueryTiming } from "./queries.js";

/*
 * `npm run bench -- scale [--papers N]`: a history of N papers (default 1,000,000) generated as
 * text dumps, ingested through `paperbot ingest` beside a raw better-sqlite3 baseline, then the
 * query mix on the result and the command line's start-up; one table. `-- ingest` and `-- search`
 * run one half: search reuses the history a previous run of the same size left in the work
 * directory, or ingests it first.
 */

export interface ScaleOptions {
  papers: number;
  seed: number;
  ingest: boolean;
  search: boolean;
}

const VERSION = "2";
const RUNS = 5;

type Row = [string, string, string, string, string];

const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "n/a";
const verdict = (ok: boolean): string => (ok ? "met" : "NOT met");

function table(rows: readonly Row[]): string {
  const header: Row = ["figure", "paperbot", "raw SQLite", "ratio", "target"];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]?.length ?? 0)));
  const line = (r: Row): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

/** Dumps of the history in the work directory, written once per size, seed and generator version. */
function dumpsFor(corpus: Corpus, dir: string, papers: number, seed: number, log: (s: string) => void): DumpPlan[] {
  const manifest = join(dir, "manifest.json");
  const key = JSON.stringify({ papers, seed, VERSION });
  if (existsSync(manifest)) {
    const saved = JSON.parse(readFileSync(manifest, "utf8")) as { key: string; plans: DumpPlan[] };
    if (saved.key === key) return saved.plans;
  }
  rmSync(dir, { recursive: true, force: true });
  // Dumps of about 5,000 papers (9.5 MB each), ten at least so the history splits into tenths.
  const dumps = 10 * Math.max(1, Math.round(papers / 50_000));
  const started = performance.now();
  const plans = writeDumps(corpus, join(dir, "dumps"), papers, dumps);
  log(`generated ${fmt(papers)} papers in ${dumps} dumps in ${fmt((performance.now() - started) / 1000, 1)} s`);
  writeFileSync(manifest, JSON.stringify({ key, plans }));
  return plans;
}

function ingestRows(real: RealIngest, raw: RawIngest): Row[] {
  const rate = real.papers / (real.ms / 1000);
  const rawRate = raw.papers / (raw.ms / 1000);
  const first = real.tenths[0] ?? NaN;
  const last = real.tenths[real.tenths.length - 1] ?? NaN;
  const drift = (last - first) / first;
  const cpuRate = real.papers / ((real.cpuMs ?? NaN) / 1000);
  const rawCpuRate = raw.papers / (raw.cpuMs / 1000);
  return [
    ["ingest papers/s (wall)", fmt(rate), fmt(rawRate), `${fmt(rate / rawRate, 2)}x`, `>= 0.5x: ${verdict(rate / rawRate >= 0.5)}`],
    ["ingest papers per CPU second", fmt(cpuRate), fmt(rawCpuRate), `${fmt(cpuRate / rawCpuRate, 2)}x`, "same, without other load"],
    ["ingest wall time (s)", fmt(real.ms / 1000, 1), fmt(raw.ms / 1000, 1), "", `${fmt(real.newPapers)} new of ${fmt(real.papers)}`],
    ["ingest papers/s by tenth", real.tenths.map((t) => fmt(t)).join(" "), "", "", ""],
    ["last tenth vs first", `${drift >= 0 ? "+" : ""}${fmt(drift * 100, 1)}%`, "", "", `within 20%: ${verdict(Math.abs(drift) <= 0.2)}`],
    ["ingest peak RSS (MB)", fmt(real.peakRssMb ?? NaN), "", "", `< 300: ${verdict((real.peakRssMb ?? Infinity) < 300)}`],
  ];
}

function searchRows(timings: readonly QueryTiming[]): Row[] {
  const all = (pick: (t: QueryTiming) => number[]): number[] => timings.flatMap(pick);
  const p = (values: number[], q: number): number => percentile(values, q);
  const project99 = p(all((t) => t.project), 99);
  const raw99 = p(all((t) => t.raw), 99);
  const rows: Row[] = timings.map((t) => [
    `  ${t.label}: ${t.text}`,
    `${fmt(p(t.project, 50), 1)} ms`,
    `${fmt(p(t.raw, 50), 1)} ms`,
    `${fmt(p(t.project, 50) / p(t.raw, 50), 2)}x`,
    `${fmt(t.total)} found`,
  ]);
  return [
    ["search p50 (ms), page of 10 + total", fmt(p(all((t) => t.project), 50), 1), fmt(p(all((t) => t.raw), 50), 1), "", ""],
    [
      "search p99 (ms)",
      fmt(project99, 1),
      fmt(raw99, 1),
      `${fmt(project99 / raw99, 2)}x`,
      `<= 1.5x and <= 150 ms: ${verdict(project99 / raw99 <= 1.5 && project99 <= 150)}`,
    ],
    ["search p50 per query (ms)", "", "bm25 top-10", "", ""],
    ...rows,
  ];
}

export async function runScaleBench(options: ScaleOptions, log: (line: string) => void = console.log): Promise<void> {
  const { papers, seed } = options;
  const dir = join(tmpdir(), `paperbot-bench-scale-${papers}`);
  mkdirSync(dir, { recursive: true });
  const load = loadavg().map((n) => n.toFixed(2)).join(" ");
  log(`\nscale: ${fmt(papers)} papers, seed ${seed}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load ${load}, work dir ${dir}`);
  const started = performance.now();
  const corpus = new Corpus(seed);
  const plans = dumpsFor(corpus, dir, papers, seed, log);
  const dbPath = join(dir, "paperbot.db");
  const rows: Row[] = [];
  if (options.ingest || !existsSync(dbPath)) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });
    const real = await realIngest(plans, dbPath, join(dir, "data"));
    if (real.exitCode !== 0) throw new Error(`paperbot ingest exited ${real.exitCode}`);
    const raw = rawIngest(corpus, plans, join(dir, "raw.db"));
    rows.push(...ingestRows(real, raw));
  }
  if (options.search) {
    const timings = timeQueries(dbPath, queryMix(corpus, papers), RUNS);
    rows.push(...searchRows(timings));
    const mid = timings[2]?.text ?? "model";
    rows.push(["CLI `paperbot search` whole process (ms)", fmt(cliSearch(dbPath, mid)), "", "", mid]);
    const { paperbotMs, nodeMs } = startup(7);
    rows.push([
      "CLI start-up `paperbot status` (ms)",
      fmt(paperbotMs),
      `node -e 0: ${fmt(nodeMs)}`,
      "",
      `<= 150 ms: ${verdict(paperbotMs <= 150)}`,
    ]);
  }
  log(table(rows));
  log(`whole run ${fmt((performance.now() - started) / 60_000, 1)} min`);
}
