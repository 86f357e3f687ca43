import type { PaperSearch } from "../search/repository.js";
import { openReadOnlyDatabase } from "./database.js";
import { TEXTS_AFTER_SQL, type PaperText } from "./papers.js";
import { SqliteSearch } from "./search.js";

/** Full-text search over a second, read-only connection: what a search worker thread holds. */
export interface SearchReader {
  readonly search: PaperSearch;
  close(): void;
}

/**
 * Opens the store at `path` read-only for searching. In WAL mode its reads see the last committed
 * state and never wait for the writer, so searches run beside a long ingest.
 */
export function openSearchReader(path: string): SearchReader {
  const db = openReadOnlyDatabase(path);
  return {
    search: new SqliteSearch(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Papers' texts over a second, read-only connection: what the recommend worker thread holds. */
export interface TextReader {
  readonly texts: { textsAfter(afterId: number, limit: number): PaperText[] };
  close(): void;
}

/** Opens the store at `path` read-only for the recommender; like a search reader, it never waits for the writer. */
export function openTextReader(path: string): TextReader {
  const db = openReadOnlyDatabase(path);
  const rows = db.prepare<[number, number], PaperText>(TEXTS_AFTER_SQL);
  return {
    texts: { textsAfter: (afterId, limit) => rows.all(afterId, limit) },
    close: () => {
      if (db.open) db.close();
    },
  };
}
