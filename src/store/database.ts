import { existsSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { PaperbotError } from "../errors.js";
import { INDEX_TEXT_FUNCTION, indexText } from "../search/index-text.js";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

/** How long a write waits for another connection's lock before SQLite gives up with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating when missing) the SQLite store in WAL mode and brings its schema up to date.
 * Each migration runs in its own immediate transaction and bumps `PRAGMA user_version`. The
 * file's directory must exist: a mistyped path is an error, not a new directory tree.
 */
export function openDatabase(path: string): Db {
  let db: Db;
  if (path !== ":memory:" && !existsSync(dirname(path))) {
    throw new PaperbotError("STORE_UNAVAILABLE", "the database's directory does not exist; create it or choose another path", dirname(path));
  }
  try {
    db = new Database(path);
  } catch (error) {
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot open the database: ${describe(error)}`, path, {
      cause: error,
    });
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    // Before the migrations: the FTS triggers and content view call it.
    db.function(INDEX_TEXT_FUNCTION, { deterministic: true }, (text: unknown) => (typeof text === "string" ? indexText(text) : text));
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof PaperbotError) throw error;
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot prepare the database: ${describe(error)}`, path, {
      cause: error,
    });
  }
  return db;
}

/** Page cache for a backfill: the key and search indexes it writes at random stay in memory. */
const BULK_CACHE_KIB = 32 * 1024;
/** WAL pages between checkpoints during a backfill (64 MB of 4 KB pages; SQLite's default is 1,000). */
const BULK_CHECKPOINT_PAGES = 16_384;
/** FTS5's own default, and the setting during a backfill: segments merged eight at a time, not four. */
const FTS_AUTOMERGE = 4;
const BULK_AUTOMERGE = 8;

function setAutomerge(db: Db, segments: number): void {
  // FTS5 wants an integer literal here (a bound JavaScript number arrives as a real).
  db.exec(`INSERT INTO papers_fts(papers_fts, rank) VALUES ('automerge', ${Math.trunc(segments)})`);
}

/** A backfill that added at least this many papers leaves the search index merged into one segment. */
export const OPTIMIZE_AFTER_PAPERS = 20_000;

/**
 * Settings for a long run of writes (a backfill), in force until `finish`, which puts the
 * connection's own back and, when enough papers were added, merges the FTS5 index's segments
 * (`optimize`) so searches read one b-tree per term instead of dozens. Durability is unchanged.
 */
export function beginBulkLoad(db: Db): { finish(papersAdded: number): void } {
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  const tempStore = db.pragma("temp_store", { simple: true }) as number;
  const checkpoint = db.pragma("wal_autocheckpoint", { simple: true }) as number;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  db.pragma("temp_store = MEMORY");
  // Checkpoints less often: an index page rewritten by many chunks is copied back once, not each time.
  db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  // The search index merges its segments less eagerly meanwhile (a quarter of the insert cost).
  const automerge = (db.prepare("SELECT v FROM papers_fts_config WHERE k = 'automerge'").get() as { v: number } | undefined)?.v ?? FTS_AUTOMERGE;
  setAutomerge(db, BULK_AUTOMERGE);
  return {
    finish(papersAdded) {
      try {
        if (papersAdded >= OPTIMIZE_AFTER_PAPERS) db.exec("INSERT INTO papers_fts(papers_fts) VALUES ('optimize')");
      } finally {
        db.pragma(`cache_size = ${cacheSize}`);
        db.pragma(`temp_store = ${tempStore}`);
        db.pragma(`wal_autocheckpoint = ${checkpoint}`);
        setAutomerge(db, automerge);
      }
    },
  };
}

/**
 * A second, read-only connection to an existing store, for searches on a worker thread: in WAL
 * mode its reads see the last committed state and never wait for the writer.
 */
export function openReadOnlyDatabase(path: string): Db {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot open the database for reading: ${describe(error)}`, path, { cause: error });
  }
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new PaperbotError(
      "STORE_UNAVAILABLE",
      `the database was written by a newer paperbot (schema ${current}, this one knows ${MIGRATIONS.length})`,
      db.name,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    const sql = MIGRATIONS[version] ?? "";
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

/** SQLite failure codes a person can act on, in words; anything else is shown by its code alone. */
function sqliteProblem(code: string): string | null {
  if (code === "SQLITE_FULL") return "the disk is full";
  if (code.startsWith("SQLITE_READONLY")) return "the database is read-only";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return `the database is locked by another process (waited ${BUSY_TIMEOUT_MS / 1000} s)`;
  }
  if (code.startsWith("SQLITE_IOERR")) return "the disk could not be written";
  if (code.startsWith("SQLITE_CANTOPEN")) return "the database file cannot be opened";
  if (code.startsWith("SQLITE_CORRUPT")) return "the database file is damaged";
  if (code === "SQLITE_PERM" || code === "SQLITE_AUTH") return "writing to the database is not permitted";
  return null;
}

/** Whether an error is SQLite's own (busy, locked, full, read-only, I/O…), not a bug of ours. */
export function isStoreFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_");
}

/**
 * A failed write as one line that says what happened and to which database file, e.g.
 * `could not store the dump, nothing was changed: the disk is full (SQLITE_FULL on /data/paperbot.db)`.
 * PaperbotErrors pass through unchanged; `where` is the thing being written (a dump file).
 */
export function storeWriteError(error: unknown, action: string, where: string, dbPath: string, kept = "nothing was changed"): PaperbotError {
  if (error instanceof PaperbotError) return error;
  const code = describe(error);
  const problem = sqliteProblem(code);
  const detail = problem === null ? `${code} on ${dbPath}` : `${problem} (${code} on ${dbPath})`;
  return new PaperbotError("STORE_WRITE_FAILED", `${action}, ${kept}: ${detail.replace(/\s+/g, " ")}`, where, {
    cause: error,
  });
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}
