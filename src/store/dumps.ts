import type { Db } from "./database.js";
import type { DumpRepository } from "./types.js";
import type { DumpRecord } from "../domain/dump.js";

interface DumpRowDb {
  id: number;
  content_hash: string;
  path: string;
  format: string | null;
  dump_date: string | null;
  status: "ingested" | "rejected";
  papers: number;
  new_papers: number;
  known_papers: number;
  error: string | null;
  ingested_at: string;
  resume_at: number | null;
}

const toRecord = (row: DumpRowDb): DumpRecord => ({
  id: row.id,
  contentHash: row.content_hash,
  path: row.path,
  format: row.format,
  dumpDate: row.dump_date,
  status: row.status,
  papers: row.papers,
  newPapers: row.new_papers,
  knownPapers: row.known_papers,
  error: row.error,
  ingestedAt: row.ingested_at,
  resumeAt: row.resume_at,
});

const FIRST_RUN = "first_run";

/** Prepared statements over the dumps table. */
export class DumpStore implements DumpRepository {
  private readonly byHash;
  private readonly insertRow;
  private readonly finishRow;
  private readonly rejectRow;
  private readonly forgetRow;
  private readonly progressRow;
  private readonly readState;
  private readonly writeState;
  private readonly clearState;
  private readonly topRows;

  constructor(db: Db) {
    this.byHash = db.prepare<[string], DumpRowDb>("SELECT * FROM dumps WHERE content_hash = ?");
    this.insertRow = db.prepare(`INSERT INTO dumps (content_hash, path, format, dump_date, status, papers,
      warnings, ingested_at, resume_at) VALUES (@contentHash, @path, @format, @dumpDate, 'ingested', @papers, @warnings, @at, 0)`);
    this.finishRow = db.prepare("UPDATE dumps SET new_papers = ?, known_papers = ?, resume_at = NULL WHERE id = ?");
    this.progressRow = db.prepare(`UPDATE dumps SET resume_at = ?, new_papers = new_papers + ?, known_papers = known_papers + ?
      WHERE id = ?`);
    this.readState = db.prepare<[string], { value: string }>("SELECT value FROM ingest_state WHERE name = ?");
    this.writeState = db.prepare("INSERT INTO ingest_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
    this.clearState = db.prepare("DELETE FROM ingest_state WHERE name = ?");
    this.topRows = db.prepare<[number], { id: number }>("SELECT id FROM papers ORDER BY upvotes DESC, published_on DESC, id LIMIT ?");
    this.rejectRow = db.prepare(`INSERT INTO dumps (content_hash, path, status, error, ingested_at)
      VALUES (@contentHash, @path, 'rejected', @error, @at)
      ON CONFLICT (content_hash) DO UPDATE SET path = excluded.path, error = excluded.error,
      ingested_at = excluded.ingested_at WHERE status = 'rejected'`);
    this.forgetRow = db.prepare("DELETE FROM dumps WHERE content_hash = ? AND status = 'rejected'");
  }

  findByHash(hash: string): DumpRecord | undefined {
    const row = this.byHash.get(hash);
    return row === undefined ? undefined : toRecord(row);
  }

  begin(row: {
    contentHash: string;
    path: string;
    format: string;
    dumpDate: string | null;
    papers: number;
    warnings: string;
    at: string;
  }): number {
    return Number(this.insertRow.run(row).lastInsertRowid);
  }

  finish(id: number, newPapers: number, knownPapers: number): void {
    this.finishRow.run(newPapers, knownPapers, id);
  }

  /** Records a committed chunk: papers before `resumeAt` are stored, with these new and known counts. */
  advance(id: number, resumeAt: number, newPapers: number, knownPapers: number): void {
    this.progressRow.run(resumeAt, newPapers, knownPapers, id);
  }

  /**
   * The first fill of an empty store (only the best of its papers are announced) spans many
   * chunk transactions; this mark, written with the first chunk and removed with the
   * announcements, lets a restart finish it instead of announcing the backlog.
   */
  firstRunPending(): boolean {
    return this.readState.get(FIRST_RUN) !== undefined;
  }

  beginFirstRun(at: string): void {
    this.writeState.run(FIRST_RUN, at);
  }

  endFirstRun(): void {
    this.clearState.run(FIRST_RUN);
  }

  firstRunTop(limit: number): number[] {
    return this.topRows.all(limit).map((r) => r.id);
  }

  /** Removes a rejected record so a re-read of the same bytes (by a newer reader) can be ingested. */
  forgetRejected(hash: string): void {
    this.forgetRow.run(hash);
  }

  reject(row: { contentHash: string; path: string; error: string; at: string }): void {
    this.rejectRow.run(row);
  }
}

