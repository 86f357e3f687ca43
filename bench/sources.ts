import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchSources, openApp } from "../src/app.js";
import { fixedClock } from "../src/clock.js";
import { loadConfig, SOURCE_DEFAULTS } from "../src/config/index.js";
import { silentLogger } from "../src/log.js";
import { startFakeArxiv, type FakeArxiv } from "../test/fakes/arxiv/index.js";

/*
 * A backfill of one month of one arXiv category against the local arXiv fake, paced at arXiv's
 * real rate (one request every 3 s, counted from the end of each answer): how many requests and
 * how much wall time. cs.LG receives about 25,000 new submissions a year, so a month is about
 * 25,000 / 12 ≈ 2,100 papers. The baseline asks day by day (what a scheduled fetch does); the
 * backfill asks for the month in one query paged by max_results (1000, the default, and 2000,
 * arXiv's per-request maximum). Expected: ceil(2100 / 1000) = 3 and ceil(2100 / 2000) = 2
 * requests, against 30 for day by day.
 */

const MONTH = { since: "2025-11-01", until: "2025-11-30" };
const PAPERS = 2_100;

function fill(fake: FakeArxiv): void {
  for (let n = 0; n < PAPERS; n += 1) {
    const day = 1 + (n % 30);
    const minute = Math.floor(n / 30);
    const submitted = `2025-11-${String(day).padStart(2, "0")}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:00Z`;
    fake.add({
      id: `2511.${String(n + 1).padStart(5, "0")}`,
      title: `Backfilled paper ${n + 1} on scalable learning`,
      summary: `Paper ${n + 1} studies scalable learning with ${n % 17} tricks and ${n % 5} datasets.`,
      authors: ["A. Author", "B. Author"],
      primaryCategory: "cs.LG",
      ...(n % 7 === 0 ? { crossLists: ["cs.CL"] } : {}),
      submitted,
    });
  }
}

interface Variant {
  label: string;
  pageSize: number;
  windowDays: number;
}

async function run(fake: FakeArxiv, variant: Variant): Promise<{ requests: number; papers: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), "paperbot-bench-sources-"));
  try {
    const config = { sources: [{ type: "arxiv", apiUrl: fake.url, categories: ["cs.LG"], pageSize: variant.pageSize, backfillWindowDays: variant.windowDays }], console: { channels: [] } };
    writeFileSync(join(dir, "paperbot.json"), JSON.stringify(config));
    const app = openApp(loadConfig({ PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: join(dir, "paperbot.json") }, dir), silentLogger, fixedClock("2025-12-15T12:00:00Z"));
    const before = fake.requests.length;
    const started = performance.now();
    try {
      const [report] = await fetchSources(app, app.clock.now(), { range: MONTH });
      if (report?.error !== null) throw new Error(`backfill failed: ${report?.error ?? "no report"}`);
      return { requests: fake.requests.length - before, papers: app.store.papers.count(), seconds: (performance.now() - started) / 1000 };
    } finally {
      app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSources(): Promise<void> {
  const fake = await startFakeArxiv();
  try {
    fill(fake);
    const interval = SOURCE_DEFAULTS.arxivMinIntervalMs;
    console.log(`\nsources: backfill of ${MONTH.since}..${MONTH.until}, cs.LG, ${PAPERS} papers, one request per ${interval / 1000} s`);
    const variants: Variant[] = [
      { label: "day by day, max_results 1000 (baseline)", pageSize: 1000, windowDays: 1 },
      { label: "month window, max_results 1000 (default)", pageSize: 1000, windowDays: 31 },
      { label: "month window, max_results 2000", pageSize: 2000, windowDays: 31 },
    ];
    const rows: { label: string; requests: number; papers: number; seconds: number }[] = [];
    for (const variant of variants) rows.push({ label: variant.label, ...(await run(fake, variant)) });
    const base = rows[0];
    console.log("variant                                    requests  papers  wall s  vs baseline");
    for (const row of rows) {
      const ratio = base === undefined ? "" : `${(row.seconds / base.seconds).toFixed(2)}× time, ${(row.requests / base.requests).toFixed(2)}× requests`;
      console.log(`${row.label.padEnd(42)} ${String(row.requests).padStart(8)} ${String(row.papers).padStart(7)} ${row.seconds.toFixed(1).padStart(7)}  ${ratio}`);
    }
  } finally {
    await fake.close();
  }
}
