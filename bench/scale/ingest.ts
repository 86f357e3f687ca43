import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { Corpus, DumpPlan } from "./corpus.js";

/*
 * Ingest measured two ways on the same papers: the real path (`paperbot ingest` of the dump files,
 * a child process whose peak RSS the kernel reports) and a raw baseline (better-sqlite3, one table
 * plus an FTS5 external-content index, one transaction), which is what storing the papers costs
 * before anything paperbot does with them.
 */

export interface RealIngest {
  ms: number;
  papers: number;
  newPapers: number;
  /** Peak resident set size of the ingest process, in MB (null when it could not be measured). */
  peakRssMb: number | null;
  /** CPU time (user + system) of the ingest process: steadier than wall time on a shared machine. */
  cpuMs: number | null;
  /** Papers per second over each tenth of the history, in order. */
  tenths: number[];
  exitCode: number;
}

export interface RawIngest {
  ms: number;
  cpuMs: number;
  papers: number;
}

/** bin/paperbot of the checkout, found upwards from this file (it runs from dist/bench/scale/). */
export function paperbotBin(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const bin = join(dir, "bin", "paperbot");
    if (existsSync(bin) && existsSync(join(dir, "package.json"))) return bin;
    if (dirname(dir) === dir) throw new Error(`no bin/paperbot above ${from}`);
  }
}

const TIME = "/usr/bin/time";
const LINE = /: ingested: (\d+) papers, (\d+) new/;

/**
 * Runs `paperbot ingest` on the dumps, in plan order, noting when each file's line arrives so the
 * rate over each tenth of the history can be read. The dumps count is a multiple of ten.
 */
export function realIngest(plans: readonly DumpPlan[], dbPath: string, dataDir: string): Promise<RealIngest> {
  const bin = paperbotBin();
  const rssFile = `${dbPath}.rss`;
  rmSync(rssFile, { force: true });
  const argv = [process.execPath, bin, "ingest", ...plans.map((p) => p.path), "--db", dbPath];
  const [command, ...args] = existsSync(TIME) ? [TIME, "-f", "%M %U %S", "-o", rssFile, ...argv] : argv;
  const env = { ...process.env, PAPERBOT_DATA_DIR: dataDir, PAPERBOT_CONFIG: "" };
  const started = performance.now();
  const child = spawn(command ?? process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
  const doneAt: number[] = [];
  let papers = 0;
  let newPapers = 0;
  let buffered = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const match = LINE.exec(line);
      if (match !== null) {
        doneAt.push(performance.now());
        papers += Number(match[1]);
        newPapers += Number(match[2]);
      } else if (line.trim() !== "") {
        process.stderr.write(`ingest: ${line}\n`);
      }
      newline = buffered.indexOf("\n");
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      const perTenth = plans.length / 10;
      const tenths: number[] = [];
      for (let t = 0; t < 10 && perTenth >= 1; t += 1) {
        const from = t === 0 ? started : (doneAt[t * perTenth - 1] ?? NaN);
        const to = doneAt[(t + 1) * perTenth - 1] ?? NaN;
        const count = plans.slice(t * perTenth, (t + 1) * perTenth).reduce((sum, p) => sum + p.count, 0);
        tenths.push(count / ((to - from) / 1000));
      }
      const [kb = NaN, user = NaN, system = NaN] = existsSync(rssFile)
        ? (readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number)
        : [];
      resolve({
        ms,
        papers,
        newPapers,
        peakRssMb: Number.isFinite(kb) ? kb / 1024 : null,
        cpuMs: Number.isFinite(user + system) ? (user + system) * 1000 : null,
        tenths,
        exitCode: code ?? -1,
      });
    });
  });
}

const RAW_SCHEMA = `
  CREATE TABLE papers (id INTEGER PRIMARY KEY, title TEXT NOT NULL, abstract TEXT NOT NULL,
    authors TEXT NOT NULL, organization TEXT, published_on TEXT, upvotes INTEGER NOT NULL);
  CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, authors, organization,
    content = 'papers', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');`;

/**
 * The same papers into one table and an FTS5 external-content index, in one transaction. Papers
 * are made one dump at a time (as the dumps were written) outside the timed inserts.
 */
export function rawIngest(corpus: Corpus, plans: readonly DumpPlan[], dbPath: string): RawIngest {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(RAW_SCHEMA);
  const insert = db.prepare(
    "INSERT INTO papers (title, abstract, authors, organization, published_on, upvotes) VALUES (?, ?, '[]', ?, ?, ?)",
  );
  const index = db.prepare("INSERT INTO papers_fts (rowid, title, abstract, authors, organization) VALUES (?, ?, ?, '[]', ?)");
  let ms = 0;
  let cpuMs = 0;
  let papers = 0;
  const cpu = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  db.exec("BEGIN");
  for (const plan of plans) {
    const batch = Array.from({ length: plan.count }, (_, i) => corpus.paper(plan.first + i));
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (const p of batch) {
      const org = p.organization?.name ?? null;
      const id = insert.run(p.title, p.abstract, org, p.publishedOn, p.upvotes).lastInsertRowid;
      index.run(id, p.title, p.abstract, org ?? "");
    }
    ms += performance.now() - started;
    cpuMs += cpu(cpuStart);
    papers += batch.length;
  }
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  db.exec("COMMIT");
  ms += performance.now() - started;
  cpuMs += cpu(cpuStart);
  db.close();
  return { ms, cpuMs, papers };
}
