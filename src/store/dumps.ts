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
});

/** Prepared statements over the dumps table. */
export class DumpStore implements DumpRepository {
  private readonly byHash;
  private readonly insertRow;
  private readonly finishRow;
  private readonly rejectRow;
  private readonly forgetRow;

  constructor(db: Db) {
    this.byHash = db.prepare<[string], DumpRowDb>("SELECT * FROM dumps WHERE content_hash = ?");
    this.insertRow = db.prepare(`INSERT INTO dumps (content_hash, path, format, dump_date, status, papers,
      warnings, ingested_at) VALUES (@contentHash, @path, @format, @dumpDate, 'ingested', @papers, @warnings, @at)`);
    this.finishRow = db.prepare("UPDATE dumps SET new_papers = ?, known_papers = ? WHERE id = ?");
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

  /** Removes a rejected record so a re-read of the same bytes (by a newer reader) can be ingested. */
  forgetRejected(hash: string): void {
    this.forgetRow.run(hash);
  }

  reject(row: { contentHash: string; path: string; error: string; at: string }): void {
    this.rejectRow.run(row);
  }
}

