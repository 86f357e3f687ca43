import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { ingestFile } from "../src/ingest/ingest.js";
import { parseQuery, SearchPool } from "../src/search/index.js";
import { openStore } from "../src/store/index.js";
import { writeSyntheticDumps } from "./dumps.js";

/*
 * The freeze, reproduced and measured: N synthetic papers (`--papers N`, default 5,000; the attack
 * used 40,000) ingested through the real path while the event loop's longest stall is recorded,
 * then the attack's query `(a* OR t*)` × 40 run raw (what it cost before the bounds) beside its
 * refusal, and the costliest query the bounds still allow, in place and through the worker pool.
 */

const HOSTILE = Array.from({ length: 40 }, () => "(a* OR t*)").join(" ");
const WORST_ALLOWED = "(mod* OR lea* OR tra* OR dat* OR net* OR met*)";

const ms = (value: number): string => `${value.toFixed(0)} ms`;

export async function benchResponsive(papers: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "paperbot-responsive-"));
  const store = openStore(join(dir, "paperbot.db"));
  const pool = new SearchPool(join(dir, "paperbot.db"), { budgetMs: 60_000 });
  try {
    const dumps = writeSyntheticDumps(join(dir, "inbox"), { papers });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    for (const dump of dumps) await ingestFile(store, dump, new Date());
    const ingestMs = performance.now() - started;
    delay.disable();
    console.log(`\nresponsive: ${papers} papers`);
    console.log(`  ingest               ${ms(ingestMs)} (${((papers / ingestMs) * 1000).toFixed(0)} papers/s), longest event-loop stall ${ms(delay.max / 1e6)}`);
    for (const [name, text] of [["hostile (a* OR t*)x40", HOSTILE], ["worst allowed", WORST_ALLOWED]] as const) {
      const parsed = parseQuery(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      let t = performance.now();
      store.search.page(parsed.query, { limit: 5, offset: 0 });
      const raw = performance.now() - t;
      t = performance.now();
      const answer = await pool.search(text, { limit: 5, offset: 0 });
      const pooled = performance.now() - t;
      const how = answer.ok ? "answered" : "timedOut" in answer ? "timed out" : `refused: ${answer.error.message}`;
      console.log(`  ${name.padEnd(21)}raw ${ms(raw)}; through the bot's searcher ${ms(pooled)} (${how}; ratio ${(pooled / raw).toFixed(3)})`);
    }
  } finally {
    pool.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
