import type { SourcePage, SourceState } from "../domain/source.js";
import type { Db } from "./database.js";
import type { SourceRepository } from "./types.js";

interface StateRowDb {
  source: string;
  last_day: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  pages: number;
  requests: number;
}

const toState = (r: StateRowDb): SourceState => ({
  source: r.source,
  lastDay: r.last_day,
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  pages: r.pages,
  requests: r.requests,
});

/**
 * What the fetchers remember between runs, so a fetch resumes where the last one stopped: which
 * days are complete, each fetched page with its ETag (for conditional requests) and counts, and
 * per source the last success and the last error.
 */
export class SourceStore implements SourceRepository {
  private readonly ensureRow;
  private readonly stateRow;
  private readonly allStates;
  private readonly pageRows;
  private readonly savePage;
  private readonly dayRow;
  private readonly saveDay;
  private readonly success;
  private readonly failure;
  private readonly countRequests;

  constructor(db: Db) {
    this.ensureRow = db.prepare("INSERT INTO source_state (source) VALUES (?) ON CONFLICT (source) DO NOTHING");
    this.stateRow = db.prepare<[string], StateRowDb>("SELECT * FROM source_state WHERE source = ?");
    this.allStates = db.prepare<[], StateRowDb>("SELECT * FROM source_state ORDER BY source");
    this.pageRows = db.prepare<[string, string], { day: string; page: number; etag: string | null; items: number; total: number | null }>(
      "SELECT day, page, etag, items, total FROM source_pages WHERE source = ? AND day = ? ORDER BY page",
    );
    this.savePage = db.prepare(`INSERT INTO source_pages (source, day, page, etag, items, total, content_hash, fetched_at)
      VALUES (@source, @day, @page, @etag, @items, @total, @contentHash, @at)
      ON CONFLICT (source, day, page) DO UPDATE SET etag = excluded.etag, items = excluded.items,
      total = excluded.total, content_hash = excluded.content_hash, fetched_at = excluded.fetched_at`);
    this.dayRow = db.prepare<[string, string], { day: string }>("SELECT day FROM source_days WHERE source = ? AND day = ?");
    this.saveDay = db.prepare(`INSERT INTO source_days (source, day, pages, papers, completed_at)
      VALUES (@source, @day, @pages, @papers, @at)
      ON CONFLICT (source, day) DO UPDATE SET pages = excluded.pages, papers = excluded.papers, completed_at = excluded.completed_at`);
    this.success = db.prepare(`UPDATE source_state SET last_success_at = @at, last_error = NULL, last_error_at = NULL,
      last_day = CASE WHEN @day IS NOT NULL AND (last_day IS NULL OR @day > last_day) THEN @day ELSE last_day END
      WHERE source = @source`);
    this.failure = db.prepare("UPDATE source_state SET last_error = ?, last_error_at = ? WHERE source = ?");
    this.countRequests = db.prepare("UPDATE source_state SET requests = requests + ?, pages = pages + ? WHERE source = ?");
  }

  state(source: string): SourceState {
    this.ensureRow.run(source);
    const row = this.stateRow.get(source);
    if (row === undefined) throw new Error(`source state vanished: ${source}`);
    return toState(row);
  }

  all(): SourceState[] {
    return this.allStates.all().map(toState);
  }

  /** The pages of `day` already fetched and ingested, in page order. */
  pagesOf(source: string, day: string): SourcePage[] {
    return this.pageRows.all(source, day);
  }

  /** Records a page as fetched and ingested; called inside the ingest transaction when it stored papers. */
  recordPage(source: string, page: SourcePage & { contentHash: string | null }, at: Date): void {
    this.ensureRow.run(source);
    this.savePage.run({ source, ...page, at: at.toISOString() });
    this.countRequests.run(0, 1, source);
  }

  isDayComplete(source: string, day: string): boolean {
    return this.dayRow.get(source, day) !== undefined;
  }

  /** A day fully fetched: every page in, so a resumed backfill skips it. */
  completeDay(source: string, day: string, totals: { pages: number; papers: number }, at: Date): void {
    this.ensureRow.run(source);
    this.saveDay.run({ source, day, ...totals, at: at.toISOString() });
    this.success.run({ source, day, at: at.toISOString() });
  }

  /** A fetch that ended without error (also when it found nothing new). */
  recordSuccess(source: string, at: Date): void {
    this.ensureRow.run(source);
    this.success.run({ source, day: null, at: at.toISOString() });
  }

  recordFailure(source: string, error: string, at: Date): void {
    this.ensureRow.run(source);
    this.failure.run(error, at.toISOString(), source);
  }

  addRequests(source: string, requests: number): void {
    this.ensureRow.run(source);
    this.countRequests.run(requests, 0, source);
  }
}
